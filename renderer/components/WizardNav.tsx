import Box from '@mui/material/Box';
import Step from '@mui/material/Step';
import StepButton from '@mui/material/StepButton';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import type { Summary } from '../verify/summary';
import { STEPS, type StepId } from '../wizard/steps';

export interface WizardNavProps {
  readonly active: number;
  /** Steps after this one cannot be opened yet: the wizard is walked in order. */
  readonly furthest: number;
  /** Issues to show per step (zero for steps whose problems are not shown yet). */
  readonly issuesOf: (id: StepId) => number;
  readonly verify: Summary;
  readonly onOpen: (index: number) => void;
}

/** A data step is done once left without issues; Verify only when nothing failed; the steps after it are never "done". */
function isDone(id: StepId, verify: Summary): boolean {
  if (id === 'verify') return verify.verdict === 'passed' || verify.verdict === 'warnings';
  return STEPS.find((s) => s.id === id)?.fields.length !== 0;
}

/** The steps as a vertical tab list (MUI's Stepper with step buttons: arrow keys move, Enter opens). */
export function WizardNav({ active, furthest, issuesOf, verify, onOpen }: WizardNavProps) {
  return (
    <Box
      component="nav"
      aria-label="Wizard steps"
      sx={{ width: 236, flexShrink: 0, borderRight: 1, borderColor: 'divider', bgcolor: 'background.paper', overflowY: 'auto', px: 2, py: 2.5 }}
    >
      <Stepper activeStep={active} orientation="vertical">
        {STEPS.map((step, index) => {
          const issues = issuesOf(step.id);
          const verifyFailed = step.id === 'verify' && verify.verdict === 'blocked';
          const error = issues > 0 || verifyFailed;
          const caption = issues > 0 ? `${issues} ${issues === 1 ? 'field needs' : 'fields need'} attention` : verifyFailed ? verify.headline : null;
          return (
            <Step key={step.id} disabled={index > furthest} completed={index < active && !error && isDone(step.id, verify)}>
              <StepButton
                onClick={() => onOpen(index)}
                optional={
                  caption ? (
                    <Typography variant="caption" color="error">
                      {caption}
                    </Typography>
                  ) : undefined
                }
                id={`step-tab-${step.id}`}
                aria-controls="step-panel"
              >
                <StepLabel error={error}>{step.label}</StepLabel>
              </StepButton>
            </Step>
          );
        })}
      </Stepper>
    </Box>
  );
}
