import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { CheckResult } from '../../app/contract/core-api';
import { STATUS_COLOURS } from '../theme';
import { formatDuration } from './Elapsed';
import { StatusIcon, type DisplayStatus } from './StatusIcon';
import type { Summary, Verdict } from './summary';
import type { FinishedRun, RunPhase } from './verify-model';

const LOOK: Readonly<Record<Verdict, { colour: string; icon: DisplayStatus }>> = {
  'not-run': { colour: STATUS_COLOURS.waiting, icon: 'idle' },
  running: { colour: STATUS_COLOURS.running, icon: 'running' },
  blocked: { colour: STATUS_COLOURS.fail, icon: 'fail' },
  warnings: { colour: STATUS_COLOURS.warn, icon: 'warn' },
  passed: { colour: STATUS_COLOURS.pass, icon: 'pass' },
  incomplete: { colour: STATUS_COLOURS.pass, icon: 'pass' },
  unproven: { colour: STATUS_COLOURS.skip, icon: 'skip' },
};

function CheckLinks({ label, results, onOpen }: { readonly label: string; readonly results: readonly CheckResult[]; readonly onOpen: (id: string) => void }) {
  if (results.length === 0) return null;
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap', mt: 0.75 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {label}
      </Typography>
      {results.map((r, i) => (
        <Typography key={r.id} variant="body2" component="span">
          <Link component="button" type="button" variant="body2" onClick={() => onOpen(r.id)} sx={{ verticalAlign: 'baseline' }}>
            {r.title}
          </Link>
          {i < results.length - 1 ? ',' : ''}
        </Typography>
      ))}
    </Box>
  );
}

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString();

/** Dates the last full run; checks run again on their own since are named apart, never as the run. */
function runLine(run: RunPhase, lastFull: FinishedRun | null): string {
  const full = lastFull
    ? `${lastFull.cancelled ? 'Cancelled at' : 'Last full run at'} ${timeOf(lastFull.report.finishedAt)}, took ${formatDuration(new Date(lastFull.report.finishedAt).getTime() - new Date(lastFull.report.startedAt).getTime())}.`
    : '';
  if (run.phase !== 'finished' || run.full) return full;
  const single = `${run.report.checks.length === 1 ? '1 check' : `${run.report.checks.length} checks`} run again at ${timeOf(run.report.finishedAt)}.`;
  return full === '' ? single : `${full} ${single}`;
}

/** The answer first: does certificate sign-in work, and if not, which checks stand in the way. */
export function SummaryPanel({
  summary,
  run,
  lastFull,
  onOpen,
}: {
  readonly summary: Summary;
  readonly run: RunPhase;
  readonly lastFull: FinishedRun | null;
  readonly onOpen: (id: string) => void;
}) {
  // A pass with whole parts unchecked wears the warning colour, as in the report and the CLI.
  const look = summary.notChecked.length > 0 ? LOOK.warnings : LOOK[summary.verdict];
  const c = summary.counts;
  const line = runLine(run, lastFull);
  return (
    <Paper
      variant="outlined"
      role="status"
      aria-live="polite"
      aria-atomic="false"
      data-verdict={summary.verdict}
      data-run-phase={run.phase}
      data-last-full-run={lastFull?.operationId ?? ''}
      sx={{ display: 'flex', gap: 2, p: 2, mb: 2, borderLeft: `5px solid ${look.colour}` }}
    >
      <Box sx={{ pt: 0.25 }}>
        <StatusIcon status={look.icon} size={28} />
      </Box>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="h2" component="p" id="verify-headline">
          {summary.headline}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {c.pass} passed · {c.warn} {c.warn === 1 ? 'warning' : 'warnings'} · {c.fail} failed · {c.skip} skipped
          {line && ` — ${line}`}
        </Typography>
        <CheckLinks label="What blocks:" results={summary.failing} onOpen={onOpen} />
        <CheckLinks label="To review:" results={summary.warning} onOpen={onOpen} />
        <CheckLinks label="Not run:" results={summary.unproven} onOpen={onOpen} />
      </Box>
    </Paper>
  );
}
