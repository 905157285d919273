import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { GeneratedScript, GeneratedScripts, ScriptsArgs } from '../../app/contract/core-api';
import { SaveIcon } from '../icons';
import { CommandBlock } from '../verify/CommandBlock';
import { downloadText } from '../wizard/download';
import { scriptBytes } from '../wizard/script-bytes';
import { SaveAllScripts } from './SaveAllScripts';

function ScriptCard({ script }: { readonly script: GeneratedScript }) {
  const [open, setOpen] = useState(false);
  const id = `script-${script.id}`;
  return (
    <Box component="li" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 2, py: 1.25 }} data-script-id={script.id}>
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography variant="body2" component="div" sx={{ fontWeight: 600 }}>
            {script.title}{' '}
            {script.troubleshootingOnly && (
              <Chip size="small" color="warning" variant="outlined" label="troubleshooting only: undo afterwards" sx={{ ml: 0.5 }} />
            )}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {script.fileName} · run by {script.runBy} · on {script.runOn}
          </Typography>
        </Box>
        <Button size="small" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls={id}>
          {open ? 'Hide' : 'Show'}
        </Button>
        <Button
          size="small"
          variant="outlined"
          startIcon={<SaveIcon fontSize="small" />}
          onClick={() => downloadText(script.fileName, scriptBytes(script), 'application/octet-stream')}
        >
          Save
        </Button>
      </Box>
      <Collapse in={open} unmountOnExit>
        <Box id={id} sx={{ mt: 1 }}>
          <CommandBlock command={script.content} shell={script.shell === 'powershell' ? 'powershell' : script.shell === 'cmd' ? 'cmd' : 'file'} />
        </Box>
      </Collapse>
    </Box>
  );
}

/** The scripts for what the tool cannot do itself, each for the server and the person that runs it. */
export function ScriptsSection({ generated, args }: { readonly generated: GeneratedScripts; readonly args: ScriptsArgs }) {
  return (
    <Box>
      <SaveAllScripts args={args} />
      <Box component="ul" aria-label="Generated scripts" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1 }}>
        {generated.scripts.map((script) => (
          <ScriptCard key={script.id} script={script} />
        ))}
      </Box>
      {generated.refused.map((r) => (
        <Alert key={r.id} severity="info" sx={{ mt: 1 }}>
          <strong>{r.title}</strong> is not generated: {r.reason}
        </Alert>
      ))}
    </Box>
  );
}
