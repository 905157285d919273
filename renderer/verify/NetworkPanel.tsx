import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Settings } from '../../app/contract/core-api';
import { getApi } from '../api/client';
import { NumberField } from '../components/NumberField';
import { SettingField } from '../components/SettingField';
import { AddIcon, DeleteIcon, ExpandIcon } from '../icons';
import { useFieldFeedback } from '../wizard/field-context';
import { monoInput } from '../theme';
import { accordionExpansion, type PanelExpansion } from './panel-expansion';
import { errorText } from '../components/error-text';

interface Pin {
  readonly name: string;
  readonly address: string;
}

export interface NetworkPanelProps extends PanelExpansion {
  readonly settings: Settings;
  readonly update: (change: (settings: Settings) => Settings) => void;
}

/**
 * Where the checks connect: pinned addresses (a new site often has no DNS for the lab
 * names yet), a DNS server, and the time limit of one network step.
 */
export function NetworkPanel(props: NetworkPanelProps) {
  const { settings, update } = props;
  const feedback = useFieldFeedback();
  const network = settings.network;
  const [pins, setPins] = useState<readonly Pin[]>(() => Object.entries(network.hosts).map(([name, address]) => ({ name, address })));
  const setNetwork = (patch: Partial<typeof network>) => update((s) => ({ ...s, network: { ...s.network, ...patch } }));
  const setPinList = (next: readonly Pin[]) => {
    setPins(next);
    // A row whose name is still empty is being typed: it joins the settings once it has a name.
    setNetwork({ hosts: Object.fromEntries(next.filter((p) => p.name.trim() !== '').map((p) => [p.name.trim(), p.address.trim()])) });
  };
  const [paste, setPaste] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const addPasted = async () => {
    const parsed = await getApi().parseHostPins({ text: paste });
    if (!parsed.ok) return setPasteError(errorText(parsed.error));
    const added = Object.entries(parsed.value.hosts).map(([name, address]) => ({ name, address }));
    setPinList([...pins.filter((p) => !(p.name.trim().toLowerCase() in parsed.value.hosts)), ...added]);
    setPaste('');
    setPasteError(null);
  };
  const pinIssues = pins.map((p) => (p.name.trim() === '' ? null : feedback.messageFor(`network.hosts.${p.name.trim()}`)));
  return (
    <Accordion
      variant="outlined"
      disableGutters
      {...accordionExpansion(props)}
      sx={{ mt: props.expanded === undefined ? 3 : 0, '&::before': { display: 'none' } }}
    >
      <AccordionSummary expandIcon={<ExpandIcon />} aria-controls="network-panel" id="network-panel-header">
        <Box>
          <Typography variant="h3" component="h2">
            Network settings for the checks
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {pins.length === 0 ? 'System DNS' : `${pins.length} pinned ${pins.length === 1 ? 'address' : 'addresses'}`}
            {network.dnsServer ? `, DNS server ${network.dnsServer}` : ''}, {network.timeoutMs} ms per network step
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails id="network-panel">
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', columnGap: 2 }}>
          <SettingField
            field="network.dnsServer"
            label="DNS server (optional)"
            placeholder="10.1.2.1"
            value={network.dnsServer}
            onChange={(dnsServer) => setNetwork({ dnsServer })}
            help="Ask this server instead of the system's."
          />
          <NumberField
            field="network.timeoutMs"
            label="Timeout per network step (ms)"
            value={network.timeoutMs}
            onChange={(timeoutMs) => setNetwork({ timeoutMs })}
            help="From 100 to 120000."
          />
        </Box>
        <Typography variant="body2" sx={{ fontWeight: 600, mt: 1, mb: 1 }}>
          Pinned addresses
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          Every connection of every check, Kerberos and LDAP included, uses these addresses for these names.
        </Typography>
        {pins.map((pin, index) => (
          <Box key={index} sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) 40px', columnGap: 2, alignItems: 'start' }}>
            <TextField
              label={`Host name ${index + 1}`}
              value={pin.name}
              error={pinIssues[index] != null}
              helperText={pinIssues[index] ?? ' '}
              onChange={(event) => setPinList(pins.map((p, i) => (i === index ? { ...p, name: event.target.value } : p)))}
              slotProps={{ htmlInput: { spellCheck: false } }}
            />
            <TextField
              label={`Address ${index + 1}`}
              value={pin.address}
              helperText=" "
              onChange={(event) => setPinList(pins.map((p, i) => (i === index ? { ...p, address: event.target.value } : p)))}
              slotProps={{ htmlInput: { spellCheck: false } }}
            />
            <IconButton
              aria-label={`Remove pinned address ${pin.name || index + 1}`}
              onClick={() => setPinList(pins.filter((_, i) => i !== index))}
              sx={{ mt: 0.25 }}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Box>
        ))}
        <Button startIcon={<AddIcon />} onClick={() => setPins([...pins, { name: '', address: '' }])}>
          Pin an address
        </Button>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', columnGap: 2, alignItems: 'start', mt: 2 }}>
          <TextField
            id="network-pins-paste"
            label="Paste pins"
            multiline
            minRows={3}
            value={paste}
            placeholder={'sedc01.se.airwlab.com 10.1.2.11\nsemail01.se.airwlab.com 10.1.2.12'}
            error={pasteError !== null}
            helperText={pasteError ?? 'One "name address" a line, as `npm run lab -- env` or a hosts file gives them. Pins of the same name are replaced.'}
            onChange={(event) => setPaste(event.target.value)}
            sx={monoInput}
            slotProps={{ htmlInput: { spellCheck: false } }}
          />
          <Button variant="outlined" onClick={() => void addPasted()} disabled={paste.trim() === ''} sx={{ mt: 0.25 }}>
            Add pins
          </Button>
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
