import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { AgainIcon, ExpandIcon } from '../icons';
import { STATUS_COLOURS } from '../theme';
import { CheckRow } from './CheckRow';
import type { FamilyGroup } from './families';
import type { RemedyLinkHandler } from './RemedyText';
import { rowOf, type VerifyModel } from './verify-model';

export interface FamilySectionProps {
  readonly group: FamilyGroup;
  readonly model: VerifyModel;
  /** Whether its checks are listed; a family with nothing to review shows as its heading line alone. */
  readonly open: boolean;
  readonly onToggleFamily: () => void;
  readonly expanded: ReadonlySet<string>;
  readonly onToggle: (id: string) => void;
  readonly onCheckAgain: (only: readonly string[]) => void;
  readonly onField: RemedyLinkHandler;
  readonly busy: boolean;
}

const WORDS = { fail: 'failed', warn: 'warning', pass: 'passed', skip: 'skipped' } as const;

export const familyDomId = (family: string) => `family-${family}`;

export function FamilySection({ group, model, open, onToggleFamily, expanded, onToggle, onCheckAgain, onField, busy }: FamilySectionProps) {
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of group.checks) {
    const row = rowOf(model, check.id);
    if (row.kind === 'done') counts[row.result.status] += 1;
  }
  const headingId = familyDomId(group.family);
  const listId = `${headingId}-checks`;
  const parts = (['fail', 'warn', 'pass', 'skip'] as const).filter((s) => counts[s] > 0);
  return (
    <Paper component="section" aria-labelledby={headingId} data-family={group.family} variant="outlined" sx={{ mb: 2, overflow: 'hidden' }}>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 2,
          pr: 2,
          bgcolor: '#f7f9fb',
          borderBottom: open ? 1 : 0,
          borderColor: 'divider',
        }}
      >
        <Typography variant="h3" component="h3" sx={{ flex: 1, minWidth: 0 }}>
          {/* The heading is the toggle (WAI-ARIA's accordion pattern): Enter or a click shows or hides the family's checks. */}
          <ButtonBase
            id={headingId}
            onClick={onToggleFamily}
            aria-expanded={open}
            aria-controls={listId}
            sx={{
              width: '100%',
              justifyContent: 'flex-start',
              gap: 1,
              px: 2,
              py: 1,
              font: 'inherit',
              textAlign: 'left',
              '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
            }}
          >
            <ExpandIcon sx={{ color: 'text.secondary', transform: open ? 'none' : 'rotate(-90deg)', transition: 'transform 150ms' }} />
            {group.name}
            <Typography component="span" variant="body2" color="text.secondary">
              {group.checks.length} {group.checks.length === 1 ? 'check' : 'checks'}
            </Typography>
          </ButtonBase>
        </Typography>
        <Box sx={{ display: 'flex', gap: 1.5 }} aria-label={`${group.name} results`}>
          {parts.map((s) => (
            <Typography key={s} variant="body2" sx={{ color: STATUS_COLOURS[s], fontWeight: 600 }}>
              {counts[s]} {WORDS[s]}
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
      {/* Hidden rather than left out: a hidden row keeps its state in the page (data-status), and opening the family shows it at once. */}
      <Box component="ul" id={listId} hidden={!open} sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {group.checks.map((check) => (
          <CheckRow
            key={check.id}
            check={check}
            row={rowOf(model, check.id)}
            expanded={expanded.has(check.id)}
            onToggle={() => onToggle(check.id)}
            onCheckAgain={() => onCheckAgain([check.id])}
            onField={onField}
            busy={busy}
          />
        ))}
      </Box>
    </Paper>
  );
}
