import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useCallback, useId, useRef, useState, type ReactNode } from 'react';

export interface PasswordRequest {
  readonly fileName: string;
  /** Why the core asked: the file is protected, or the last password was wrong. */
  readonly reason: string;
  readonly retry: boolean;
}

interface PendingRequest extends PasswordRequest {
  readonly answer: (password: string | null) => void;
}

/**
 * Asks for a PFX file's password in the page. window.prompt does not exist in Electron's
 * sandboxed renderer. The password lives in this dialog only until it is sent with the import.
 */
function PfxPasswordDialog({ request }: { readonly request: PendingRequest | null }) {
  const [password, setPassword] = useState('');
  const titleId = useId();
  const textId = useId();
  const close = (answer: string | null) => {
    setPassword('');
    request?.answer(answer);
  };
  return (
    <Dialog open={request !== null} onClose={() => close(null)} aria-labelledby={titleId} aria-describedby={textId} maxWidth="xs" fullWidth>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          close(password);
        }}
      >
        <DialogTitle id={titleId}>PFX password</DialogTitle>
        <DialogContent>
          <DialogContentText id={textId} sx={{ mb: 2 }}>
            {request?.fileName} is protected by a password. Only the public certificates in it are kept: the private key is never needed, and the import drops
            it at once.
          </DialogContentText>
          <TextField
            id="pfx-password"
            label="PFX password"
            type="password"
            value={password}
            autoFocus
            fullWidth
            autoComplete="off"
            error={request?.retry === true}
            helperText={request?.retry ? request.reason : ' '}
            onChange={(event) => setPassword(event.target.value)}
            slotProps={{ htmlInput: { spellCheck: false } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => close(null)}>Cancel</Button>
          <Button id="pfx-password-ok" type="submit" variant="contained">
            OK
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** A dialog element to render, and ask(): the password typed, or null when cancelled. */
export function usePfxPasswordPrompt(): { readonly dialog: ReactNode; readonly ask: (request: PasswordRequest) => Promise<string | null> } {
  const [pending, setPending] = useState<PendingRequest | null>(null);
  const asking = useRef<PendingRequest | null>(null);
  const ask = useCallback(
    (request: PasswordRequest) =>
      new Promise<string | null>((resolve) => {
        // One dialog at a time: a second file dropped while one asks cancels the first question.
        asking.current?.answer(null);
        const next: PendingRequest = {
          ...request,
          answer: (password) => {
            if (asking.current !== next) return;
            asking.current = null;
            setPending(null);
            resolve(password);
          },
        };
        asking.current = next;
        setPending(next);
      }),
    [],
  );
  return { dialog: <PfxPasswordDialog request={pending} />, ask };
}
