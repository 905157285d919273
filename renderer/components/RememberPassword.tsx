import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CoreError } from '../../app/contract/core-api';
import { getApi } from '../api/client';
import { errorText } from './error-text';

export interface RememberPasswordProps {
  readonly password: string;
  readonly remembered: boolean;
  readonly onRemembered: (remembered: boolean) => void;
}

/**
 * The UEM API password only, kept in the desktop's secret store (DPAPI, Keychain, libsecret)
 * on request; the core refuses where only a plain-text store exists, and says so.
 */
export function RememberPassword({ password, remembered, onRemembered }: RememberPasswordProps) {
  const [error, setError] = useState<CoreError | null>(null);
  const remember = async () => {
    const result = await getApi().rememberUemPassword({ password });
    setError(result.ok ? null : result.error);
    if (result.ok) onRemembered(true);
  };
  const forget = async () => {
    const result = await getApi().forgetUemPassword();
    setError(result.ok ? null : result.error);
    if (result.ok) onRemembered(false);
  };
  return (
    <Box sx={{ mt: -0.5, mb: 1 }}>
      {remembered ? (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography variant="body2" color="text.secondary">
            Remembered in this computer&apos;s secret store.
          </Typography>
          <Button size="small" onClick={() => void forget()}>
            Forget it
          </Button>
        </Box>
      ) : (
        <Button size="small" onClick={() => void remember()} disabled={password === ''}>
          Remember the password on this computer
        </Button>
      )}
      {error && (
        <Alert severity="info" role="status" sx={{ mt: 1 }}>
          {errorText(error)}
        </Alert>
      )}
    </Box>
  );
}
