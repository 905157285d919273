import Alert from '@mui/material/Alert';
import type { SxProps, Theme } from '@mui/material/styles';
import type { CoreError } from '../../app/contract/core-api';
import { errorText } from './error-text';

/** A core error shown where it happened: its sentence and what to do, announced to screen readers. */
export function ErrorAlert({ error, sx }: { readonly error: CoreError; readonly sx?: SxProps<Theme> }) {
  return (
    <Alert severity="error" role="alert" sx={sx}>
      {errorText(error)}
    </Alert>
  );
}
