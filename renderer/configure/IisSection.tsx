import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { ApplyOutcome, CoreError, IisPreview, ServerRole, Settings, UndoOutcome } from '../../app/contract/core-api';
import { getApi } from '../api/client';
import { CommandBlock } from '../verify/CommandBlock';
import { DiffView } from './DiffView';
import type { IisTargets } from './iis-targets';
import { monoInput } from '../theme';
import { errorText } from '../components/error-text';

const ROLES: readonly { readonly role: ServerRole; readonly label: string; readonly what: string }[] = [
  { role: 'seg', label: 'SEG server', what: 'client certificate mapping on ActiveSync, SSL settings, upload read-ahead, the app pool' },
  { role: 'exchange', label: 'Exchange server', what: 'Windows authentication with Negotiate on ActiveSync, upload read-ahead' },
  { role: 'ca', label: 'CA server', what: 'the CRL folder served over HTTP, with double escaping allowed for delta CRLs' },
];

/** The IIS changes of one server: previewed as a diff, written with a backup, undone from it. */
export function IisSection({ settings, targets }: { readonly settings: Settings; readonly targets: IisTargets }) {
  const api = getApi();
  const { role, paths } = targets;
  const [confirming, setConfirming] = useState(false);
  const outcome = useRef<HTMLDivElement>(null);
  const [preview, setPreview] = useState<IisPreview | null>(null);
  const [applied, setApplied] = useState<ApplyOutcome | null>(null);
  const [undone, setUndone] = useState<UndoOutcome | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [busy, setBusy] = useState(false);
  const configPath = paths[role];
  // The preview above the button is gone once written: the outcome is brought to where the admin is.
  useEffect(() => {
    if (!applied && !undone) return;
    outcome.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    outcome.current?.focus();
  }, [applied, undone]);
  const target = { settings, server: role, configPath };
  const changes = preview?.plan.items.filter((i) => i.state === 'change') ?? [];

  const reset = () => {
    setPreview(null);
    setApplied(null);
    setUndone(null);
    setError(null);
  };
  const run = async <T,>(work: () => Promise<{ ok: true; value: T } | { ok: false; error: CoreError }>, then: (value: T) => void) => {
    setBusy(true);
    const result = await work();
    setBusy(false);
    if (result.ok) {
      setError(null);
      then(result.value);
    } else setError(result.error);
  };
  const showPreview = () =>
    run(
      () => api.previewConfigure(target),
      (p) => setPreview(p),
    );
  const apply = () => {
    setConfirming(false);
    if (!preview) return;
    void run(
      () => api.applyConfigure({ ...target, expectedSha256: preview.plan.sourceSha256 }),
      (outcome) => {
        setApplied(outcome);
        setPreview(null);
      },
    );
  };
  const undo = () => {
    if (!applied?.backupPath) return;
    const backupPath = applied.backupPath;
    void run(
      () => api.undoConfigure({ configPath, backupPath }),
      (outcome) => {
        setUndone(outcome);
        setApplied(null);
      },
    );
  };

  return (
    <Box>
      <ToggleButtonGroup
        exclusive
        size="small"
        color="primary"
        value={role}
        aria-label="Server"
        onChange={(_event, next: ServerRole | null) => {
          if (next) {
            targets.setRole(next);
            reset();
          }
        }}
        sx={{ mb: 1 }}
      >
        {ROLES.map((r) => (
          <ToggleButton key={r.role} value={r.role} sx={{ px: 2 }}>
            {r.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        On the {ROLES.find((r) => r.role === role)?.label}: {ROLES.find((r) => r.role === role)?.what}.
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', gap: 2, alignItems: 'start' }}>
        <TextField
          id="configure-config-path"
          label="applicationHost.config"
          placeholder="C:\Windows\System32\inetsrv\config\applicationHost.config"
          value={configPath}
          helperText="On this machine: the server's own file, or a copy of it (relative paths start at the settings folder)."
          onChange={(event) => {
            targets.setPath(role, event.target.value);
            reset();
          }}
          sx={monoInput}
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
        <Button variant="contained" onClick={() => void showPreview()} disabled={busy || configPath.trim() === ''} sx={{ mt: 0.25 }}>
          Preview changes
        </Button>
      </Box>
      {error && (
        <Alert
          severity="error"
          role="alert"
          sx={{ mt: 1 }}
          action={
            error.code === 'iis.needs-admin' ? (
              <Button
                color="inherit"
                size="small"
                disabled={busy}
                onClick={() =>
                  void run(
                    () => api.relaunchElevated(),
                    () => undefined,
                  )
                }
              >
                Restart as administrator
              </Button>
            ) : undefined
          }
        >
          {errorText(error)}
        </Alert>
      )}
      {preview && (
        <Box sx={{ mt: 2, display: 'grid', gap: 2 }} data-iis-preview>
          <Box component="ul" aria-label="Planned settings" sx={{ listStyle: 'none', m: 0, p: 0, border: 1, borderColor: 'divider', borderRadius: 1 }}>
            {preview.plan.items.map((item) => (
              <Box
                component="li"
                key={item.id}
                data-item-state={item.state}
                sx={{ px: 2, py: 1, borderTop: 1, borderColor: 'divider', '&:first-of-type': { borderTop: 0 } }}
              >
                <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'baseline' }}>
                  <Typography variant="body2" sx={{ fontWeight: 600, flex: 1 }}>
                    {item.title}
                  </Typography>
                  <Typography variant="body2" sx={{ color: item.state === 'change' ? 'warning.main' : 'success.main', fontWeight: 600, flexShrink: 0 }}>
                    {item.state === 'change' ? 'Will change' : 'Already set'}
                  </Typography>
                </Box>
                <Typography variant="body2" color="text.secondary">
                  {item.why} Now: {item.current || '(not set)'} ({item.currentSource}). {item.guideStep}
                </Typography>
              </Box>
            ))}
          </Box>
          {preview.plan.blocked.map((b) => (
            <Alert key={b.id} severity="warning">
              <strong>{b.title}</strong> cannot be planned from this file: {b.reason}
            </Alert>
          ))}
          {preview.diff === '' ? (
            <Alert severity="success">The file already holds every setting: nothing to write.</Alert>
          ) : (
            <>
              <Typography variant="h3">The change to applicationHost.config</Typography>
              <DiffView diff={preview.diff} label="Planned change to applicationHost.config" />
              <Typography variant="h3">Or by hand on the server, with appcmd</Typography>
              <CommandBlock command={preview.appcmd.join('\n')} shell="cmd" />
              <Box>
                <Button variant="contained" color="warning" onClick={() => setConfirming(true)} disabled={busy}>
                  Write {changes.length} {changes.length === 1 ? 'change' : 'changes'} to this file (a backup is made first)
                </Button>
              </Box>
            </>
          )}
        </Box>
      )}
      <Box ref={outcome} tabIndex={-1} sx={{ outline: 'none' }}>
        {applied && (
          <Alert
            severity="success"
            sx={{ mt: 2 }}
            action={
              applied.backupPath ? (
                <Button color="inherit" size="small" onClick={undo} disabled={busy}>
                  Undo
                </Button>
              ) : undefined
            }
          >
            {applied.changed
              ? `Written to ${applied.path}. The previous file is kept as ${applied.backupPath ?? ''}.`
              : `${applied.path} already held every setting: nothing was written.`}
          </Alert>
        )}
        {undone && (
          <Alert severity="info" sx={{ mt: 2 }}>
            Restored {undone.path} from {undone.restoredFrom}. What it replaced is kept as {undone.backupOfReplaced}.
          </Alert>
        )}
      </Box>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="iis-confirm-title">
        <DialogTitle id="iis-confirm-title">Write to this applicationHost.config?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {changes.length} {changes.length === 1 ? 'change' : 'changes'} for the {ROLES.find((r) => r.role === role)?.label} will be written to {configPath}.
            A backup is made beside it first, and Undo restores it.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button variant="contained" color="warning" onClick={apply}>
            Write {changes.length === 1 ? 'the change' : 'the changes'}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
