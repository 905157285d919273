import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ConsoleChecklist } from '../../app/contract/core-api';
import { mono } from '../theme';

/** What is typed into the UEM console by hand, with the values filled in from the settings. */
export function ChecklistSection({ checklists }: { readonly checklists: readonly ConsoleChecklist[] }) {
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {checklists.map((list) => (
        <Box key={list.id} component="section" aria-label={list.title}>
          <Typography variant="h3">{list.title}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {list.where} ({list.guideStep})
          </Typography>
          <Table size="small" sx={{ border: 1, borderColor: 'divider', tableLayout: 'fixed' }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '32%' }}>Field</TableCell>
                <TableCell>Value</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.entries.map((entry) => (
                <TableRow key={entry.field}>
                  <TableCell>{entry.field}</TableCell>
                  <TableCell>
                    <Box component="span" sx={{ ...mono, userSelect: 'all' }}>
                      {entry.value}
                    </Box>
                    {entry.note && (
                      <Typography variant="caption" component="div" color="text.secondary">
                        {entry.note}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ))}
    </Box>
  );
}
