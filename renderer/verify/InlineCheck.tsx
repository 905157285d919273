import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { CheckInfo, Settings } from '../../app/contract/core-api';
import type { SecretsState } from '../wizard/secrets';
import { displayStatus, StatusIcon, STATUS_WORDS } from './StatusIcon';
import type { useVerify } from './useVerify';
import { rowOf } from './verify-model';

export interface InlineCheckProps {
  readonly checkId: string;
  readonly label: string;
  readonly catalogue: readonly CheckInfo[];
  readonly verify: ReturnType<typeof useVerify>;
  readonly settings: Settings;
  readonly secrets: SecretsState;
}

/**
 * One check of the catalogue run from the step whose fields it tests, with its answer shown
 * there; the same result appears on the Verify step.
 */
export function InlineCheck({ checkId, label, catalogue, verify, settings, secrets }: InlineCheckProps) {
  if (!catalogue.some((c) => c.id === checkId)) return null;
  const row = rowOf(verify.model, checkId);
  const status = displayStatus(row);
  const result = row.kind === 'done' ? row.result : null;
  const detail = result?.status === 'pass' ? result.evidence[0] : (result?.remedy ?? result?.reason ?? result?.evidence[0]);
  return (
    <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start' }} data-inline-check={checkId} data-status={status}>
      <Button variant="outlined" onClick={() => void verify.start(settings, secrets, [checkId])} disabled={verify.busy} sx={{ flexShrink: 0 }}>
        {label}
      </Button>
      {status !== 'idle' && (
        <Box role="status" sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', pt: 0.75, minWidth: 0 }}>
          <StatusIcon status={status} />
          <Typography variant="body2">
            <strong>{STATUS_WORDS[status]}</strong>
            {detail ? `: ${detail}` : ''}
          </Typography>
        </Box>
      )}
    </Box>
  );
}
