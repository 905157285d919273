import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useRef } from 'react';
import type { ChecklistEntry, ConsoleChecklist } from '../../app/contract/core-api';
import { pasteValue, tickKey } from './checklist-values';
import { CopyButton } from './CopyButton';
import { useSessionState } from './useSessionState';
import { mono } from '../theme';

function EntryRow({
  listId,
  entry,
  ticked,
  onTick,
}: {
  readonly listId: string;
  readonly entry: ChecklistEntry;
  readonly ticked: boolean;
  readonly onTick: (ticked: boolean) => void;
}) {
  const valueRef = useRef<HTMLSpanElement>(null);
  const paste = pasteValue(entry);
  return (
    <TableRow data-checklist-entry={entry.field} data-done={ticked} sx={ticked ? { '& td': { color: 'text.secondary' } } : undefined}>
      <TableCell padding="checkbox">
        <Checkbox
          checked={ticked}
          onChange={(e) => onTick(e.target.checked)}
          slotProps={{ input: { 'aria-label': `Done: ${entry.field}` } }}
          id={`tick-${listId}-${entry.field.replace(/[^A-Za-z0-9]+/g, '-')}`}
        />
      </TableCell>
      <TableCell>{entry.field}</TableCell>
      <TableCell>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
          <Box component="span" ref={valueRef} sx={{ ...mono, userSelect: 'all', overflowWrap: 'anywhere', flex: 1 }}>
            {entry.value}
          </Box>
          {paste !== null && <CopyButton value={paste} label={entry.field} selectTarget={() => valueRef.current} />}
        </Box>
        {entry.note && (
          <Typography variant="caption" component="div" color="text.secondary">
            {entry.note}
          </Typography>
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * What is typed into the UEM console by hand, with the values filled in from the settings: a
 * tick box per field and a copy button for every value to paste. Ticks last for this window's
 * session: they record what the admin did on the console in this sitting, which the settings
 * file (the CLI's contract) and the bundle have no use for, and a tick from another day would
 * claim a console state nobody checked again.
 */
export function ChecklistSection({ checklists }: { readonly checklists: readonly ConsoleChecklist[] }) {
  const [ticks, setTicks] = useSessionState<readonly string[]>('seg.configure.checklist-ticks', []);
  const tick = (key: string, on: boolean) => setTicks(on ? [...ticks.filter((k) => k !== key), key] : ticks.filter((k) => k !== key));
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {checklists.map((list) => {
        const done = list.entries.filter((e) => ticks.includes(tickKey(list.id, e))).length;
        return (
          <Box key={list.id} component="section" aria-label={list.title} data-checklist={list.id}>
            <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1.5 }}>
              <Typography variant="h3" sx={{ flex: 1 }}>
                {list.title}
              </Typography>
              <Typography variant="body2" color={done === list.entries.length ? 'success.main' : 'text.secondary'} data-checklist-progress>
                {done} of {list.entries.length} done
              </Typography>
            </Box>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {list.where} ({list.guideStep})
            </Typography>
            <Table size="small" sx={{ border: 1, borderColor: 'divider', tableLayout: 'fixed' }}>
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 72, px: 1.5 }}>Done</TableCell>
                  <TableCell sx={{ width: '32%' }}>Field</TableCell>
                  <TableCell>Value</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {list.entries.map((entry) => {
                  const key = tickKey(list.id, entry);
                  return <EntryRow key={entry.field} listId={list.id} entry={entry} ticked={ticks.includes(key)} onTick={(on) => tick(key, on)} />;
                })}
              </TableBody>
            </Table>
          </Box>
        );
      })}
    </Box>
  );
}
