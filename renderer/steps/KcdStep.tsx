import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import { accountNameFix, dcHostFix, realmFix, spnCrossCheck, targetSpnFix } from '../components/field-fixes';
import { PasswordField } from '../components/PasswordField';
import { SettingField, type FieldFix } from '../components/SettingField';
import type { KcdDomain, Settings } from '../../app/contract/settings';
import { FieldGroup, StepPage } from '../components/StepPage';
import { AddIcon, DeleteIcon } from '../icons';
import { useState } from 'react';
import { FieldFeedbackContext, useFieldFeedback, type FieldFeedback } from '../wizard/field-context';
import type { StepProps } from '../wizard/step-props';

const MAX_DOMAINS = 32;

/** The SPN the email server calls for, offered when the target SPN names another host. */
function spnFixFor(targetSpn: string, email: Settings['email']): FieldFix | null {
  const wanted = spnCrossCheck(targetSpn, email);
  if (wanted === null) return null;
  const where = email.casArray.enabled ? 'The CAS array' : 'The email server';
  return { value: wanted.spn, reason: `${where} on the Email server step is ${wanted.host}: its target SPN is ${wanted.spn}.` };
}

/** A DC typed with its domain: the host name alone, and the realm from that domain while the row has none. */
function dcFixFor(domain: KcdDomain, setDomain: (patch: Partial<KcdDomain>) => void): FieldFix | null {
  const fixed = dcHostFix(domain.dcHost);
  if (fixed === null) return null;
  return { value: fixed.dcHost, apply: () => setDomain(domain.realm.trim() === '' ? fixed : { dcHost: fixed.dcHost }) };
}

export function KcdStep({ settings, update, secrets, setSecret }: StepProps) {
  const kcd = settings.kcd;
  const feedback = useFieldFeedback();
  const set = (patch: Partial<typeof kcd>) => update((s) => ({ ...s, kcd: { ...s.kcd, ...patch } }));
  const domains = kcd.domains.length === 0 ? [{ realm: '', dcHost: '' }] : kcd.domains;
  const setDomain = (index: number, patch: Partial<KcdDomain>) => set({ domains: domains.map((d, i) => (i === index ? { ...d, ...patch } : d)) });

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
    requestAnimationFrame(() => document.getElementById(`field-kcd-domains-${domains.length}-dcHost`)?.focus());
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
      <FieldGroup
        title="Delegation"
        description="The fields of the MEM configuration's cross-domain KCD section on the UEM console, in its order, and as the SEG Setup console shows them."
      >
        <Box sx={{ gridColumn: '1 / -1', mb: 1.5 }} data-console-setting="enableKCDAuthentication">
          <FormControlLabel
            control={<Switch checked disabled slotProps={{ input: { 'aria-describedby': 'kcd-console-switch-help' } }} />}
            label="Enable Cross-domain KCD Authentication"
          />
          <Typography id="kcd-console-switch-help" variant="body2" color="text.secondary">
            Turn this on in the UEM console first (Email &gt; Email Settings &gt; the MEM configuration &gt; Advanced, with Use Recommended Settings cleared):
            the SEG Setup console offers the fields below only when it is on. Verify&apos;s uem.mem-config compares it where the API shows it.
          </Typography>
        </Box>
        <SettingField
          field="kcd.targetSpn"
          label="Target SPN"
          placeholder="HTTP/semail01"
          value={kcd.targetSpn}
          onChange={(targetSpn) => set({ targetSpn })}
          help="HTTP/ and the Exchange server's name (or the CAS array's) without the domain, such as HTTP/semail01."
          fix={targetSpnFix(kcd.targetSpn) ?? spnFixFor(kcd.targetSpn, settings.email)}
          monospace
        />
        <Box />
        <SettingField
          field="kcd.serviceAccount"
          label="Service account username"
          placeholder="aw_KCDsvc"
          value={kcd.serviceAccount}
          onChange={(serviceAccount) => set({ serviceAccount })}
          help="The account with delegation rights, without the domain, such as aw_KCDsvc."
          fix={accountNameFix(kcd.serviceAccount)}
        />
        <PasswordField
          id="secret-kcd-password"
          label="Service account password"
          value={secrets.kcdPassword}
          onChange={(value) => setSecret('kcdPassword', value)}
          help="Used for the LDAP and Kerberos checks; never saved."
        />
      </FieldGroup>

      <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
        <Typography component="legend" variant="h3" sx={{ mb: 0.5 }}>
          Domains
        </Typography>
        <Typography id="kcd-domains-help" variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          The first row is the service account&apos;s domain, as on the console. Add a row for each further domain whose users sign in: a user whose UPN suffix
          or account sits in another domain, or in a trusted forest, needs that realm and one of its domain controllers here. The console asks for one domain;
          the SEG reaches the others through its krb5.ini.
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
                  field={`kcd.domains.${index}.dcHost`}
                  label={`Domain controller hostname ${domains.length > 1 ? index + 1 : ''}`.trim()}
                  placeholder="sedc01"
                  value={domain.dcHost}
                  onChange={(dcHost) => setDomain(index, { dcHost })}
                  help="The DC's name without the domain, such as sedc01."
                  fix={dcFixFor(domain, (patch) => setDomain(index, patch))}
                  monospace
                />
                <SettingField
                  field={`kcd.domains.${index}.realm`}
                  label={`Domain name ${domains.length > 1 ? index + 1 : ''}`.trim()}
                  placeholder="SE.AIRWLAB.COM"
                  value={domain.realm}
                  onChange={(realm) => setDomain(index, { realm })}
                  help="The domain in upper case, such as SE.AIRWLAB.COM for sedc01.se.airwlab.com."
                  fix={realmFix(domain.realm)}
                  monospace
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
