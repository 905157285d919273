import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { AppInfo, Settings } from '../../app/contract/core-api';
import { SaveIcon, ShieldIcon } from '../icons';
import type { SaveState } from '../wizard/useSettingsDocument';
import { FileMenu, type FileMenuProps } from './FileMenu';

export interface AppHeaderProps {
  readonly info: AppInfo;
  readonly dirty: boolean;
  readonly save: SaveState;
  readonly path: string;
  readonly onSave: () => void;
  readonly settings: Settings;
  readonly onOpened: FileMenuProps['onOpened'];
  readonly onSavedAs: FileMenuProps['onSavedAs'];
}

function saveLine(dirty: boolean, save: SaveState): string {
  if (save.saving) return 'Saving…';
  if (save.error) return 'Not saved';
  if (dirty) return 'Unsaved changes';
  if (save.savedAt) return `Saved ${new Date(save.savedAt).toLocaleTimeString()}`;
  return save.savedJson === null ? 'Not saved yet' : 'All changes saved';
}

export function AppHeader({ info, dirty, save, path, onSave, settings, onOpened, onSavedAs }: AppHeaderProps) {
  return (
    <Box component="header" sx={{ display: 'flex', alignItems: 'center', gap: 1.5, px: 2.5, height: 52, flexShrink: 0, bgcolor: '#17324f', color: '#fff' }}>
      <ShieldIcon sx={{ color: '#8fc1ff' }} />
      <Typography component="span" sx={{ fontWeight: 600, fontSize: 16 }}>
        {info.name}
      </Typography>
      <Typography component="span" variant="caption" sx={{ color: '#b7c6d8' }}>
        {info.version}
      </Typography>
      <FileMenu settings={settings} onOpened={onOpened} onSavedAs={onSavedAs} />
      <Box sx={{ flex: 1 }} />
      <Typography component="span" variant="body2" sx={{ color: '#d6e0ec' }} title={path} role="status">
        {saveLine(dirty, save)}
      </Typography>
      <Button
        variant="contained"
        size="small"
        startIcon={<SaveIcon fontSize="small" />}
        onClick={onSave}
        disabled={save.saving}
        aria-keyshortcuts="Control+S"
        sx={{ bgcolor: '#fff', color: '#17324f', '&:hover': { bgcolor: '#e8f0fa' } }}
      >
        Save
      </Button>
    </Box>
  );
}
