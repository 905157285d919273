import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { CoreError, Settings } from '../../app/contract/core-api';
import { getApi } from '../api/client';
import { monoInput } from '../theme';
import { errorText } from './error-text';

export interface FileMenuProps {
  readonly settings: Settings;
  /** The settings of the opened file replace those in the wizard. */
  readonly onOpened: (settings: Settings, path: string) => void;
  readonly onSavedAs: (path: string) => void;
}

type Purpose = 'open' | 'save';

const TITLES: Readonly<Record<Purpose, string>> = { open: 'Open a settings file', save: 'Save the settings as' };

/**
 * File › Open and Save as: the settings file the CLI reads (or `npm run lab -- env` prints).
 * The desktop shows its own dialog; the web host has none, so the path is asked for here.
 */
export function FileMenu({ settings, onOpened, onSavedAs }: FileMenuProps) {
  const api = getApi();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [asking, setAsking] = useState<Purpose | null>(null);
  const [path, setPath] = useState('');
  const [error, setError] = useState<CoreError | null>(null);

  const act = async (purpose: Purpose, chosen: string) => {
    if (purpose === 'open') {
      const opened = await api.openSettingsFile({ path: chosen });
      if (!opened.ok) return setError(opened.error);
      onOpened(opened.value.settings, opened.value.path);
    } else {
      const saved = await api.saveSettingsAs({ settings, path: chosen });
      if (!saved.ok) return setError(saved.error);
      onSavedAs(saved.value.path);
    }
    setError(null);
    setAsking(null);
  };

  const start = async (purpose: Purpose) => {
    setAnchor(null);
    setError(null);
    const chosen = await api.chooseSettingsFile({ purpose });
    if (chosen.ok) {
      if (chosen.value.path !== null) await act(purpose, chosen.value.path);
      return;
    }
    setAsking(purpose);
  };

  return (
    <>
      <Button
        id="file-menu-button"
        size="small"
        aria-haspopup="menu"
        aria-controls={anchor ? 'file-menu' : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ color: '#fff' }}
      >
        File
      </Button>
      <Menu
        id="file-menu"
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { 'aria-labelledby': 'file-menu-button' } }}
      >
        <MenuItem onClick={() => void start('open')}>Open settings file…</MenuItem>
        <MenuItem onClick={() => void start('save')}>Save settings as…</MenuItem>
      </Menu>
      {error && asking === null && (
        <Alert severity="error" role="alert" onClose={() => setError(null)} sx={{ position: 'fixed', top: 60, right: 16, zIndex: 1400, maxWidth: 560 }}>
          {errorText(error)}
        </Alert>
      )}
      <Dialog open={asking !== null} onClose={() => setAsking(null)} aria-labelledby="file-path-title" fullWidth maxWidth="sm">
        <DialogTitle id="file-path-title">{asking ? TITLES[asking] : ''}</DialogTitle>
        <DialogContent>
          <TextField
            id="settings-file-path"
            label="Full path of the settings file"
            placeholder="/var/tmp/seg-kcd-lab/settings.json"
            value={path}
            onChange={(event) => setPath(event.target.value)}
            helperText={error ? errorText(error) : 'The JSON file the CLI reads with --config, such as the one `npm run lab -- env` prints.'}
            error={error !== null}
            fullWidth
            autoFocus
            sx={{ mt: 1, ...monoInput }}
            slotProps={{ htmlInput: { spellCheck: false } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(null)}>Cancel</Button>
          <Button variant="contained" disabled={path.trim() === ''} onClick={() => asking && void act(asking, path.trim())}>
            {asking === 'save' ? 'Save' : 'Open'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
