import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Collapse from '@mui/material/Collapse';
import Typography from '@mui/material/Typography';
import type { CheckInfo } from '../../app/contract/core-api';
import { AgainIcon, ExpandIcon } from '../icons';
import { CommandBlock } from './CommandBlock';
import { Elapsed, formatDuration } from './Elapsed';
import { RemedyText, type RemedyLinkHandler } from './RemedyText';
import { inWizardTerms } from './setting-labels';
import { serverUser } from './stages';
import { displayStatus, StatusIcon, STATUS_WORDS } from './StatusIcon';
import type { RowState } from './verify-model';
import { mono } from '../theme';
import { sentence } from '../components/error-text';

export interface CheckRowProps {
  readonly check: CheckInfo;
  readonly row: RowState;
  readonly expanded: boolean;
  readonly onToggle: () => void;
  readonly onCheckAgain: () => void;
  readonly onField: RemedyLinkHandler;
  readonly busy: boolean;
}

export const rowDomId = (id: string) => `check-${id.replace(/[^A-Za-z0-9-]/g, '-')}`;

function timeText(row: RowState) {
  if (row.kind === 'running') return <Elapsed since={row.startedAt} />;
  if (row.kind === 'done') return row.result.status === 'skip' ? '' : formatDuration(row.result.durationMs);
  return '';
}

/** One check: its state at a glance, and when opened, what it saw and how to fix it. Inside the button only phrasing content (spans). */
export function CheckRow({ check, row, expanded, onToggle, onCheckAgain, onField, busy }: CheckRowProps) {
  const status = displayStatus(row);
  const domId = rowDomId(check.id);
  const result = row.kind === 'done' ? row.result : null;
  const needsAttention = status === 'fail' || status === 'warn';
  const user = result === null ? null : serverUser(result);
  return (
    <Box component="li" sx={{ borderTop: 1, borderColor: 'divider', '&:first-of-type': { borderTop: 0 } }}>
      <ButtonBase
        id={domId}
        onClick={onToggle}
        aria-expanded={expanded}
        aria-controls={`${domId}-details`}
        data-status={status}
        data-check-id={check.id}
        sx={{
          width: '100%',
          justifyContent: 'flex-start',
          textAlign: 'left',
          gap: 1.5,
          px: 2,
          py: 1,
          '&:hover': { bgcolor: 'action.hover' },
          '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
        }}
      >
        <StatusIcon status={status} />
        <Box component="span" sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="body2" component="span" sx={{ display: 'block', fontWeight: needsAttention ? 600 : 400 }}>
            {check.title}
          </Typography>
          <Typography
            variant="caption"
            color="text.secondary"
            component="span"
            sx={{ display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            <Box component="span" sx={mono}>
              {check.id}
            </Box>
            {result?.reason ? ` · ${inWizardTerms(result.reason, result.remedyFields ?? [])}` : ''}
            {user !== null ? ` · ActiveSync authenticated ${user}` : ''}
          </Typography>
        </Box>
        <Typography variant="body2" component="span" color="text.secondary" sx={{ width: 88, textAlign: 'right', flexShrink: 0 }}>
          {STATUS_WORDS[status]}
        </Typography>
        <Typography
          variant="body2"
          component="span"
          color="text.secondary"
          sx={{ width: 64, textAlign: 'right', flexShrink: 0, fontVariantNumeric: 'tabular-nums' }}
        >
          {timeText(row)}
        </Typography>
        <ExpandIcon sx={{ color: 'text.secondary', transform: expanded ? 'rotate(180deg)' : 'none', transition: 'transform 150ms' }} />
      </ButtonBase>
      <Collapse in={expanded} unmountOnExit>
        <Box id={`${domId}-details`} role="region" aria-labelledby={domId} sx={{ px: 2, pt: 0.5, pb: 2, pl: 6.5, display: 'grid', gap: 1.5 }}>
          {result === null ? (
            <Typography variant="body2" color="text.secondary">
              {row.kind === 'running' ? 'Running now…' : 'This check has not run yet. Run it to see what it observes.'}
            </Typography>
          ) : (
            <>
              {result.reason && (
                <RemedyText remedy={sentence(result.reason)} fields={result.remedyFields ?? []} onField={onField} lead={<strong>Skipped: </strong>} />
              )}
              {result.remedy && (
                <Box>
                  <Typography variant="overline" color="text.secondary" component="h4" sx={{ lineHeight: 1.8 }}>
                    How to fix it
                  </Typography>
                  <RemedyText remedy={result.remedy} fields={result.remedyFields ?? []} onField={onField} />
                </Box>
              )}
              {result.command && <CommandBlock command={result.command} shell={result.commandShell ?? 'powershell'} />}
              {result.evidence.length > 0 && (
                <Box>
                  <Typography variant="overline" color="text.secondary" component="h4" sx={{ lineHeight: 1.8 }}>
                    What was observed
                  </Typography>
                  <Box component="ul" sx={{ m: 0, pl: 2.5, ...mono, fontSize: 12.5, color: 'text.primary', '& li': { overflowWrap: 'anywhere', py: 0.1 } }}>
                    {result.evidence.map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </Box>
                </Box>
              )}
            </>
          )}
          <Box>
            <Button size="small" variant="outlined" startIcon={<AgainIcon fontSize="small" />} onClick={onCheckAgain} disabled={busy}>
              Check again
            </Button>
          </Box>
        </Box>
      </Collapse>
    </Box>
  );
}
