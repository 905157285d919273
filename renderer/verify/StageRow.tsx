import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { CheckInfo } from '../../app/contract/core-api';
import { STATUS_COLOURS } from '../theme';
import { STAGES, stageFact, stageState } from './stages';
import { displayStatus, StatusIcon, STATUS_WORDS, type DisplayStatus } from './StatusIcon';
import type { VerifyModel } from './verify-model';

const BORDER: Readonly<Record<DisplayStatus, string>> = {
  idle: '#c9d1da',
  waiting: '#c9d1da',
  running: STATUS_COLOURS.running,
  pass: STATUS_COLOURS.pass,
  warn: STATUS_COLOURS.warn,
  fail: STATUS_COLOURS.fail,
  skip: '#c9d1da',
};

/** The device's path to its mailbox, stage by stage: where it breaks is where to look. */
export function StageRow({
  model,
  catalogue,
  onOpen,
}: {
  readonly model: VerifyModel;
  readonly catalogue: readonly CheckInfo[];
  readonly onOpen: (id: string) => void;
}) {
  return (
    <Box
      component="ol"
      aria-label="Certificate to ActiveSync, stage by stage"
      sx={{ display: 'flex', alignItems: 'stretch', listStyle: 'none', p: 0, m: 0, mb: 2 }}
    >
      {STAGES.map((stage, index) => {
        const state = stageState(model, catalogue, stage.checkId);
        const status: DisplayStatus | null = state.available ? displayStatus(state.row) : null;
        const fact = state.available && state.row.kind === 'done' ? stageFact(state.row.result) : '';
        const words = status === null ? 'not available yet' : `${STATUS_WORDS[status]}${fact ? ` · ${fact}` : ''}`;
        return (
          <Box component="li" key={stage.label} sx={{ display: 'flex', alignItems: 'center', flex: 1, minWidth: 0 }}>
            <Tooltip title={`${stage.meaning} (${stage.checkId})${fact ? `: ${fact}` : ''}`}>
              <Box
                component="button"
                type="button"
                // aria-disabled rather than disabled: a disabled button gets no tooltip, and the tooltip says what the stage is.
                aria-disabled={status === null}
                onClick={() => status !== null && onOpen(stage.checkId)}
                data-stage={stage.checkId}
                data-status={status ?? 'unavailable'}
                aria-label={`${stage.label}: ${words}`}
                sx={{
                  font: 'inherit',
                  textAlign: 'left',
                  color: 'inherit',
                  cursor: status === null ? 'default' : 'pointer',
                  flex: 1,
                  minWidth: 0,
                  px: 1,
                  py: 0.75,
                  borderRadius: 1,
                  border: '1px solid',
                  borderStyle: status === null ? 'dashed' : 'solid',
                  borderColor: status === null ? '#c9d1da' : BORDER[status],
                  borderLeftWidth: status === null ? 1 : 4,
                  bgcolor: status === null ? 'transparent' : 'background.paper',
                  '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 },
                }}
              >
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
                  {status !== null && <StatusIcon status={status} size={16} />}
                  <Typography variant="body2" sx={{ fontWeight: 600, fontSize: 13, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {stage.label}
                  </Typography>
                </Box>
                <Typography
                  variant="caption"
                  color="text.secondary"
                  sx={{ display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                >
                  {words}
                </Typography>
              </Box>
            </Tooltip>
            {index < STAGES.length - 1 && (
              <Box aria-hidden sx={{ px: 0.375, color: 'text.secondary', flexShrink: 0 }}>
                →
              </Box>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
