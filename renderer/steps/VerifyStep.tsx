import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import type { CheckInfo } from '../../app/contract/core-api';
import { StepPage } from '../components/StepPage';
import { RunIcon, StopIcon } from '../icons';
import { rowDomId } from '../verify/CheckRow';
import { FamilySection } from '../verify/FamilySection';
import { groupByFamily } from '../verify/families';
import { NetworkPanel } from '../verify/NetworkPanel';
import { SegHostPanel } from '../verify/SegHostPanel';
import { StageRow } from '../verify/StageRow';
import { SummaryPanel } from '../verify/SummaryPanel';
import { summarize } from '../verify/summary';
import type { useVerify } from '../verify/useVerify';
import type { StepProps } from '../wizard/step-props';

export interface VerifyStepProps extends StepProps {
  readonly catalogue: readonly CheckInfo[];
  readonly verify: ReturnType<typeof useVerify>;
}

function PasswordsGiven({ secrets }: Pick<StepProps, 'secrets'>) {
  const items = [
    { name: 'service account', given: secrets.kcdPassword !== '' },
    { name: 'UEM admin', given: secrets.uemPassword !== '' },
    { name: 'test mailbox', given: secrets.testMailboxPassword !== '' },
  ];
  const missing = items.filter((i) => !i.given).map((i) => i.name);
  if (missing.length === 0) return null;
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
      No password given for: {missing.join(', ')}. Checks that need one are skipped, naming it; passwords are kept in this window only.
    </Typography>
  );
}

export function VerifyStep(props: VerifyStepProps) {
  const { catalogue, verify, settings, secrets } = props;
  const groups = useMemo(() => groupByFamily(catalogue), [catalogue]);
  const summary = summarize(verify.model, catalogue);
  const run = verify.model.run;

  const open = (id: string) => {
    verify.openRow(id);
    const target = document.getElementById(rowDomId(id));
    target?.focus();
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  const checkAgain = (only: readonly string[]) => void verify.start(settings, secrets, only);

  return (
    <StepPage
      title="Verify"
      intro="Proves, against the real servers, each thing cross-domain KCD with certificates needs, ending with a device certificate turned into a Kerberos ticket that ActiveSync accepts."
      actions={
        verify.busy ? (
          <Button
            variant="outlined"
            color="error"
            startIcon={<StopIcon />}
            onClick={() => void verify.cancel()}
            disabled={run.phase !== 'running' || run.cancelling}
          >
            {run.phase === 'running' && run.cancelling ? 'Cancelling…' : 'Cancel'}
          </Button>
        ) : (
          <Button variant="contained" startIcon={<RunIcon />} onClick={() => void verify.start(settings, secrets)}>
            {run.phase === 'idle' ? 'Run all checks' : 'Run all again'}
          </Button>
        )
      }
    >
      {run.phase === 'failed' && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {run.error.message}
          {run.error.remedy ? ` ${run.error.remedy}` : ''}
        </Alert>
      )}
      {verify.ranWith !== null && !verify.busy && verify.ranWith !== JSON.stringify(settings) && (
        <Alert severity="info" sx={{ mb: 2 }}>
          The settings have changed since the last full run: these results may no longer describe them. Run all checks again, or check single ones.
        </Alert>
      )}
      <PasswordsGiven secrets={secrets} />
      <StageRow model={verify.model} catalogue={catalogue} onOpen={open} />
      <SummaryPanel summary={summary} run={run} lastFull={verify.model.lastFull} onOpen={open} />
      <Box>
        {groups.map((group) => (
          <FamilySection
            key={group.family}
            group={group}
            model={verify.model}
            expanded={verify.expanded}
            onToggle={verify.toggleRow}
            onCheckAgain={checkAgain}
            busy={verify.busy}
          />
        ))}
      </Box>
      <NetworkPanel settings={settings} update={props.update} />
      <SegHostPanel settings={settings} update={props.update} />
    </StepPage>
  );
}
