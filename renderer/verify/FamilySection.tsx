import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { AgainIcon } from '../icons';
import { STATUS_COLOURS } from '../theme';
import { CheckRow } from './CheckRow';
import type { FamilyGroup } from './families';
import { rowOf, type VerifyModel } from './verify-model';

export interface FamilySectionProps {
  readonly group: FamilyGroup;
  readonly model: VerifyModel;
  readonly expanded: ReadonlySet<string>;
  readonly onToggle: (id: string) => void;
  readonly onCheckAgain: (only: readonly string[]) => void;
  readonly busy: boolean;
}

export function FamilySection({ group, model, expanded, onToggle, onCheckAgain, busy }: FamilySectionProps) {
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of group.checks) {
    const row = rowOf(model, check.id);
    if (row.kind === 'done') counts[row.result.status] += 1;
  }
  const headingId = `family-${group.family}`;
  const parts = (['fail', 'warn', 'pass', 'skip'] as const).filter((s) => counts[s] > 0);
  const words = { fail: 'failed', warn: 'warning', pass: 'passed', skip: 'skipped' } as const;
  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ mb: 2, overflow: 'hidden' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, py: 1, bgcolor: '#f7f9fb', borderBottom: 1, borderColor: 'divider' }}>
        <Typography id={headingId} variant="h3" component="h3" sx={{ flex: 1 }}>
          {group.name}
          <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
            {group.checks.length} {group.checks.length === 1 ? 'check' : 'checks'}
          </Typography>
        </Typography>
        <Box sx={{ display: 'flex', gap: 1.5 }} aria-label={`${group.name} results`}>
          {parts.map((s) => (
            <Typography key={s} variant="body2" sx={{ color: STATUS_COLOURS[s], fontWeight: 600 }}>
              {counts[s]} {words[s]}
            </Typography>
          ))}
        </Box>
        <Button
          size="small"
          startIcon={<AgainIcon fontSize="small" />}
          onClick={() => onCheckAgain([`${group.family}.*`])}
          disabled={busy}
          aria-label={`Check ${group.name} again`}
        >
          Check again
        </Button>
      </Box>
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {group.checks.map((check) => (
          <CheckRow
            key={check.id}
            check={check}
            row={rowOf(model, check.id)}
            expanded={expanded.has(check.id)}
            onToggle={() => onToggle(check.id)}
            onCheckAgain={() => onCheckAgain([check.id])}
            busy={busy}
          />
        ))}
      </Box>
    </Paper>
  );
}
