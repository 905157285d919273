import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useRef, useState } from 'react';
import type { CommandShell } from '../../app/contract/check-result';
import { CopyIcon } from '../icons';
import { mono } from '../theme';

/**
 * The exact command of a fix, named for the shell it is quoted for, with a button that copies
 * it; if the clipboard is refused, the text is selected instead.
 */
const SHELL_LABEL: Readonly<Record<CommandShell, string>> = { powershell: 'PowerShell', cmd: 'cmd.exe', file: 'File content' };

export function CommandBlock({ command, shell }: { readonly command: string; readonly shell: CommandShell }) {
  const [copied, setCopied] = useState<'copied' | 'selected' | null>(null);
  const pre = useRef<HTMLPreElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied('copied');
    } catch {
      const selection = window.getSelection();
      if (pre.current && selection) {
        selection.selectAllChildren(pre.current);
        setCopied('selected');
      }
    }
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <Box sx={{ position: 'relative', bgcolor: '#1f2933', color: '#e6edf3', borderRadius: 1, pr: 11 }}>
      <Box component="div" data-command-shell={shell} sx={{ px: 1.5, pt: 1, fontSize: 11, color: '#9fb0c0' }}>
        {SHELL_LABEL[shell]}
      </Box>
      <Box
        component="pre"
        ref={pre}
        tabIndex={0}
        aria-label={`Command for ${SHELL_LABEL[shell]}`}
        sx={{ m: 0, p: 1.5, ...mono, fontSize: 12.5, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', outlineColor: '#9cc3ff' }}
      >
        {command}
      </Box>
      <Button
        size="small"
        variant="contained"
        color="inherit"
        startIcon={<CopyIcon fontSize="small" />}
        onClick={() => void copy()}
        sx={{ position: 'absolute', top: 8, right: 8, bgcolor: '#e6edf3', color: '#1f2933', '&:hover': { bgcolor: '#fff' } }}
      >
        {copied === 'copied' ? 'Copied' : copied === 'selected' ? 'Selected' : 'Copy'}
      </Button>
      <Box component="span" role="status" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {copied === 'copied' ? 'Command copied to the clipboard' : copied === 'selected' ? 'Command selected: press Ctrl+C to copy it' : ''}
      </Box>
    </Box>
  );
}
