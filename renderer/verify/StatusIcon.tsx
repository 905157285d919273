import CircularProgress from '@mui/material/CircularProgress';
import { FailIcon, PassIcon, SkipIcon, WaitIcon, WarnIcon } from '../icons';
import { STATUS_COLOURS } from '../theme';
import type { RowState } from './verify-model';

export type DisplayStatus = 'idle' | 'waiting' | 'running' | 'pass' | 'warn' | 'fail' | 'skip';

export function displayStatus(row: RowState): DisplayStatus {
  return row.kind === 'done' ? row.result.status : row.kind;
}

export const STATUS_WORDS: Readonly<Record<DisplayStatus, string>> = {
  idle: 'Not run',
  waiting: 'Waiting',
  running: 'Running',
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
  skip: 'Skipped',
};

/** The status as a shape and a colour (never colour alone); the word is given to screen readers. */
export function StatusIcon({ status, size = 20 }: { readonly status: DisplayStatus; readonly size?: number }) {
  const sx = { fontSize: size, flexShrink: 0 };
  const label = { titleAccess: STATUS_WORDS[status] };
  switch (status) {
    case 'pass':
      return <PassIcon sx={{ ...sx, color: STATUS_COLOURS.pass }} {...label} />;
    case 'warn':
      return <WarnIcon sx={{ ...sx, color: STATUS_COLOURS.warn }} {...label} />;
    case 'fail':
      return <FailIcon sx={{ ...sx, color: STATUS_COLOURS.fail }} {...label} />;
    case 'skip':
      return <SkipIcon sx={{ ...sx, color: STATUS_COLOURS.skip }} {...label} />;
    case 'running':
      return <CircularProgress size={size - 4} thickness={5} sx={{ m: '2px', color: STATUS_COLOURS.running, flexShrink: 0 }} aria-label="Running" />;
    case 'waiting':
    case 'idle':
      return <WaitIcon sx={{ ...sx, color: STATUS_COLOURS.waiting }} {...label} />;
  }
}
