import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { PasswordField } from '../components/PasswordField';
import { SettingField } from '../components/SettingField';
import { FieldGroup, StepPage } from '../components/StepPage';
import { AddIcon, DeleteIcon } from '../icons';
import { useState } from 'react';
import { FieldFeedbackContext, useFieldFeedback, type FieldFeedback } from '../wizard/field-context';
import type { StepProps } from '../wizard/step-props';

const MAX_DOMAINS = 32;

export function KcdStep({ settings, update, secrets, setSecret }: StepProps) {
  const kcd = settings.kcd;
  const feedback = useFieldFeedback();
  const set = (patch: Partial<typeof kcd>) => update((s) => ({ ...s, kcd: { ...s.kcd, ...patch } }));
  const domains = kcd.domains.length === 0 ? [{ realm: '', dcHost: '' }] : kcd.domains;
  const setDomain = (index: number, patch: Partial<{ realm: string; dcHost: string }>) =>
    set({ domains: domains.map((d, i) => (i === index ? { ...d, ...patch } : d)) });

  // A row just added is empty by intent: its fields say nothing until the person has been in them.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const rowFeedback: FieldFeedback = {
    messageFor: (field) => (fresh.has(field) ? null : feedback.messageFor(field)),
    touch: (field) => {
      setFresh((current) => (current.has(field) ? new Set([...current].filter((f) => f !== field)) : current));
      feedback.touch(field);
    },
  };
  const addDomain = () => {
    setFresh((current) => new Set([...current, `kcd.domains.${domains.length}.realm`, `kcd.domains.${domains.length}.dcHost`]));
    set({ domains: [...domains, { realm: '', dcHost: '' }] });
    // The new row's first field takes the focus once it is drawn, so the keyboard flow continues there.
    requestAnimationFrame(() => document.getElementById(`field-kcd-domains-${domains.length}-realm`)?.focus());
  };
  const removeDomain = (index: number) => {
    setFresh(new Set());
    set({ domains: domains.filter((_, i) => i !== index) });
    feedback.touch('kcd.domains');
  };

  return (
    <StepPage
      title="Kerberos Constrained Delegation"
      intro="The service account the SEG uses to ask the domain controllers for tickets on the device user's behalf, and the service it asks them for."
    >
      <FieldGroup title="Delegation">
        <SettingField
          field="kcd.targetSpn"
          label="Target SPN"
          placeholder="HTTP/semail01"
          value={kcd.targetSpn}
          onChange={(targetSpn) => set({ targetSpn })}
          help="The SPN of Exchange (or of the CAS array's service account)"
          monospace
        />
        <Box />
        <SettingField
          field="kcd.serviceAccount"
          label="Service account user name"
          placeholder="aw_KCDsvc"
          value={kcd.serviceAccount}
          onChange={(serviceAccount) => set({ serviceAccount })}
          help="The pre-Windows 2000 name, without the domain"
        />
        <PasswordField
          id="secret-kcd-password"
          label="Service account password"
          value={secrets.kcdPassword}
          onChange={(value) => setSecret('kcdPassword', value)}
          help="Used for the LDAP and Kerberos checks; never saved"
        />
      </FieldGroup>

      <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
        <Typography component="legend" variant="h3" sx={{ mb: 0.5 }}>
          Domains
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          One row per Active Directory domain the device users and the SEG live in. Cross-domain KCD needs each of them.
        </Typography>
        <FieldFeedbackContext.Provider value={rowFeedback}>
          <Box component="ol" aria-label="Domains" sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {domains.map((domain, index) => (
              <Box
                component="li"
                key={index}
                sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) 40px', columnGap: 2, alignItems: 'start' }}
              >
                <SettingField
                  field={`kcd.domains.${index}.realm`}
                  label={`Domain name (realm) ${domains.length > 1 ? index + 1 : ''}`.trim()}
                  placeholder="SE.AIRWLAB.COM"
                  value={domain.realm}
                  onChange={(realm) => setDomain(index, { realm })}
                  help="The DNS domain in capitals"
                />
                <SettingField
                  field={`kcd.domains.${index}.dcHost`}
                  label={`Domain controller host name ${domains.length > 1 ? index + 1 : ''}`.trim()}
                  placeholder="sedc01"
                  value={domain.dcHost}
                  onChange={(dcHost) => setDomain(index, { dcHost })}
                  help="The host name only, without the domain"
                />
                <Tooltip title={`Remove domain ${domain.realm || index + 1}`}>
                  <span>
                    <IconButton
                      aria-label={`Remove domain ${domain.realm || index + 1}`}
                      disabled={domains.length === 1}
                      onClick={() => removeDomain(index)}
                      sx={{ mt: 0.25 }}
                    >
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
              </Box>
            ))}
          </Box>
        </FieldFeedbackContext.Provider>
        <Button id="add-domain" startIcon={<AddIcon />} onClick={addDomain} disabled={domains.length >= MAX_DOMAINS}>
          Add a domain
        </Button>
      </Box>
    </StepPage>
  );
}
