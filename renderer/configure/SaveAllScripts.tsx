import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { CoreError, ScriptsArgs } from '../../app/contract/core-api';
import { getApi } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { SaveIcon } from '../icons';
import { downloadText } from '../wizard/download';

type Outcome = { readonly kind: 'saved'; readonly text: string } | { readonly kind: 'error'; readonly error: CoreError } | null;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * "Save all scripts": into a folder the admin picks (the desktop's folder dialog), or, where the
 * window has none (the web host), as one zip download. A file of the same name with other
 * content is replaced only after the admin agrees in a dialog that names the files.
 */
export function SaveAllScripts({ args }: { readonly args: ScriptsArgs }) {
  const api = getApi();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [conflict, setConflict] = useState<{ readonly dir: string; readonly message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // A message about other settings or inputs would describe files that are no longer these.
  useEffect(() => setOutcome(null), [args]);

  const save = async (dir: string, replace: boolean) => {
    const saved = await api.saveScripts({ ...args, dir, replace });
    if (saved.ok) return setOutcome({ kind: 'saved', text: `Saved ${saved.value.files.length} files to ${saved.value.dir}.` });
    if (saved.error.code === 'scripts.would-replace') return setConflict({ dir, message: saved.error.message });
    setOutcome({ kind: 'error', error: saved.error });
  };

  const zip = async () => {
    const zipped = await api.zipScripts(args);
    if (!zipped.ok) return setOutcome({ kind: 'error', error: zipped.error });
    downloadText(zipped.value.fileName, bytesOf(zipped.value.base64), 'application/zip');
    setOutcome({ kind: 'saved', text: `Downloaded ${zipped.value.fileName}: every script, the certificates they name and README.txt.` });
  };

  const saveAll = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const folder = await api.chooseScriptsFolder();
      if (!folder.ok) {
        if (folder.error.code === 'dialog.unavailable') return await zip();
        return setOutcome({ kind: 'error', error: folder.error });
      }
      if (folder.value.path !== null) await save(folder.value.path, false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ mb: 1.5 }}>
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="contained" startIcon={<SaveIcon fontSize="small" />} onClick={() => void saveAll()} disabled={busy}>
          Save all scripts
        </Button>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 240 }}>
          Into a folder you choose, with README.txt saying who runs each where; in a browser, as one zip.
        </Typography>
      </Box>
      {outcome?.kind === 'saved' && (
        <Typography variant="body2" role="status" sx={{ mt: 1 }} data-save-all-outcome>
          {outcome.text}
        </Typography>
      )}
      {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} sx={{ mt: 1 }} />}
      <Dialog open={conflict !== null} onClose={() => setConflict(null)} aria-labelledby="save-all-confirm-title">
        <DialogTitle id="save-all-confirm-title">Replace files in this folder?</DialogTitle>
        <DialogContent>
          <DialogContentText>{conflict?.message} Replacing them loses what they hold now.</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConflict(null)}>Keep them</Button>
          <Button
            color="warning"
            variant="contained"
            onClick={() => {
              const dir = conflict?.dir;
              setConflict(null);
              if (dir) void save(dir, true);
            }}
          >
            Replace them
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
