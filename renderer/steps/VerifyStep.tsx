import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Fragment, useMemo, useState } from 'react';
import type { CheckInfo } from '../../app/contract/core-api';
import { StepPage } from '../components/StepPage';
import { RunIcon, StopIcon } from '../icons';
import { rowDomId } from '../verify/CheckRow';
import { FamilySection } from '../verify/FamilySection';
import { familyOpen, groupByFamily, nothingToReview } from '../verify/families';
import { focusSetting } from '../verify/focus-setting';
import { NetworkPanel } from '../verify/NetworkPanel';
import { SegHostPanel } from '../verify/SegHostPanel';
import type { SettingLink } from '../verify/setting-labels';
import { StageRow } from '../verify/StageRow';
import { SummaryPanel } from '../verify/SummaryPanel';
import { summarize } from '../verify/summary';
import type { useVerify } from '../verify/useVerify';
import { useOpenStep } from '../wizard/step-navigation';
import type { StepProps } from '../wizard/step-props';
import { ErrorAlert } from '../components/ErrorAlert';

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

type Panel = NonNullable<SettingLink['place']['panel']>;

export function VerifyStep(props: VerifyStepProps) {
  const { catalogue, verify, settings, secrets } = props;
  const groups = useMemo(() => groupByFamily(catalogue), [catalogue]);
  const summary = summarize(verify.model, catalogue);
  const run = verify.model.run;
  const openStep = useOpenStep();
  const [panels, setPanels] = useState<Readonly<Record<Panel, boolean>>>({ network: false, seg: false });
  const showPanel = (panel: Panel, expanded: boolean) => setPanels((p) => ({ ...p, [panel]: expanded }));

  const open = (id: string) => {
    const group = groups.find((g) => g.checks.some((c) => c.id === id));
    if (group) verify.chooseFamily(group.family, { open: true, settled: nothingToReview(group, verify.model) });
    verify.openRow(id);
    // The row of a family that was one line is on the page only after this render.
    requestAnimationFrame(() => {
      const target = document.getElementById(rowDomId(id));
      target?.focus();
      target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    });
  };
  const checkAgain = (only: readonly string[]) => void verify.start(settings, secrets, only);
  const showField = (link: SettingLink) => {
    if (link.place.panel) showPanel(link.place.panel, true);
    else openStep(link.place.step);
    focusSetting(link);
  };
  // Each panel sits after the family whose checks it feeds: where a failure it would fix is read.
  const panelAfter: Readonly<Record<string, Panel>> = { net: 'network', seg: 'seg' };
  const panelOf = (panel: Panel) =>
    panel === 'network' ? (
      <NetworkPanel settings={settings} update={props.update} expanded={panels.network} onExpandedChange={(e) => showPanel('network', e)} />
    ) : (
      <SegHostPanel settings={settings} update={props.update} expanded={panels.seg} onExpandedChange={(e) => showPanel('seg', e)} />
    );

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
      {run.phase === 'failed' && <ErrorAlert error={run.error} sx={{ mb: 2 }} />}
      {verify.ranWith !== null && !verify.busy && verify.ranWith !== JSON.stringify(settings) && (
        <Alert severity="info" sx={{ mb: 2 }}>
          The settings have changed since the last full run: these results may no longer describe them. Run all checks again, or check single ones.
        </Alert>
      )}
      <PasswordsGiven secrets={secrets} />
      <StageRow model={verify.model} catalogue={catalogue} onOpen={open} />
      <SummaryPanel summary={summary} run={run} lastFull={verify.model.lastFull} onOpen={open} />
      <Box>
        {groups.map((group) => {
          const shown = familyOpen(group, verify.model, verify.familyChoices.get(group.family), verify.expanded);
          const panel = panelAfter[group.family];
          return (
            <Fragment key={group.family}>
              <FamilySection
                group={group}
                model={verify.model}
                open={shown}
                onToggleFamily={() => verify.chooseFamily(group.family, { open: !shown, settled: nothingToReview(group, verify.model) })}
                expanded={verify.expanded}
                onToggle={verify.toggleRow}
                onCheckAgain={checkAgain}
                onField={showField}
                busy={verify.busy}
              />
              {panel && <Box sx={{ mt: -1, mb: 2 }}>{panelOf(panel)}</Box>}
            </Fragment>
          );
        })}
      </Box>
    </StepPage>
  );
}
