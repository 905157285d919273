import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import { CopyIcon, PassIcon } from '../icons';

/** Copies one value to the clipboard; where the clipboard is refused, the value's own text is selected for Ctrl+C. */
export function CopyButton({
  value,
  label,
  selectTarget,
}: {
  readonly value: string;
  readonly label: string;
  readonly selectTarget: () => HTMLElement | null;
}) {
  const [done, setDone] = useState<'copied' | 'selected' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setDone('copied');
    } catch {
      const target = selectTarget();
      const selection = window.getSelection();
      if (target && selection) {
        selection.selectAllChildren(target);
        setDone('selected');
      }
    }
    setTimeout(() => setDone(null), 2500);
  };
  const said = done === 'copied' ? 'Copied' : done === 'selected' ? 'Selected: press Ctrl+C' : `Copy ${label}`;
  return (
    <Tooltip title={said}>
      <IconButton size="small" aria-label={`Copy ${label}`} data-copied={done ?? undefined} onClick={() => void copy()}>
        {done === 'copied' ? <PassIcon fontSize="small" color="success" /> : <CopyIcon fontSize="small" />}
      </IconButton>
    </Tooltip>
  );
}
