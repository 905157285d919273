import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { Settings } from '../../app/contract/core-api';
import { SettingField } from '../components/SettingField';
import { ExpandIcon } from '../icons';
import { accordionExpansion, type PanelExpansion } from './panel-expansion';

export interface SegHostPanelProps extends PanelExpansion {
  readonly settings: Settings;
  readonly update: (change: (settings: Settings) => Settings) => void;
}

/**
 * The seg.* checks judge copies of the SEG host's files, so they run anywhere: these are
 * paths on the machine where SEG KCD Setup runs (absolute, or relative to the settings file).
 */
export function SegHostPanel(props: SegHostPanelProps) {
  const { settings, update } = props;
  const seg = settings.seg;
  const set = (patch: Partial<typeof seg>) => update((s) => ({ ...s, seg: { ...s.seg, ...patch } }));
  const given = [seg.iisConfigPath, seg.registryExport, seg.folder].filter((p) => p.trim() !== '').length;
  return (
    <Accordion variant="outlined" disableGutters {...accordionExpansion(props)} sx={{ '&::before': { display: 'none' } }}>
      <AccordionSummary expandIcon={<ExpandIcon />} aria-controls="seg-host-panel" id="seg-host-panel-header">
        <Box>
          <Typography variant="h3" component="h2">
            SEG host files for the seg.* checks
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {given === 0 ? 'None given: the SEG host checks are skipped' : `${given} of 3 given`}
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails id="seg-host-panel">
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          Copies taken on the SEG server (the seg-collect.cmd script gathers them into a seg-evidence folder): paths on this machine, absolute or relative to
          the settings file.
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', columnGap: 2 }}>
          <SettingField
            field="seg.iisConfigPath"
            label="applicationHost.config"
            placeholder="seg-evidence\applicationHost.config"
            value={seg.iisConfigPath}
            onChange={(iisConfigPath) => set({ iisConfigPath })}
            help="IIS settings: client certificate mapping, SSL, upload read-ahead, app pool."
            monospace
          />
          <SettingField
            field="seg.registryExport"
            label="Registry export (.reg)"
            placeholder="seg-evidence\seg-registry.reg"
            value={seg.registryExport}
            onChange={(registryExport) => set({ registryExport })}
            help="The Environment key (PATH) and the certificate stores."
            monospace
          />
          <SettingField
            field="seg.folder"
            label="SEG install folder"
            placeholder="seg-evidence"
            value={seg.folder}
            onChange={(folder) => set({ folder })}
            help="The folder holding the SEG's krb5.ini."
            monospace
          />
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
