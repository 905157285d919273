import Box from '@mui/material/Box';
import { mono } from '../theme';

function lineColour(line: string): { bg: string; fg: string } | null {
  if (line.startsWith('+++') || line.startsWith('---')) return { bg: 'transparent', fg: '#56606d' };
  if (line.startsWith('+')) return { bg: '#e6f4ea', fg: '#1b5e20' };
  if (line.startsWith('-')) return { bg: '#fdecea', fg: '#8e1b1b' };
  if (line.startsWith('@@')) return { bg: '#eef2f7', fg: '#44546a' };
  return null;
}

/** A unified diff, added and removed lines marked by colour and by their +/- (never colour alone). */
export function DiffView({ diff, label }: { readonly diff: string; readonly label: string }) {
  return (
    <Box
      component="pre"
      tabIndex={0}
      aria-label={label}
      sx={{
        m: 0,
        maxHeight: 320,
        overflow: 'auto',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: '#fbfcfd',
        ...mono,
        fontSize: 12,
        lineHeight: 1.55,
        py: 1,
        overflowWrap: 'normal',
      }}
    >
      {diff.split(/\r?\n/).map((line, i) => {
        const colour = lineColour(line);
        return (
          <Box key={i} component="span" sx={{ display: 'block', px: 1.5, whiteSpace: 'pre', bgcolor: colour?.bg, color: colour?.fg, minWidth: 'max-content' }}>
            {line === '' ? ' ' : line}
          </Box>
        );
      })}
    </Box>
  );
}
