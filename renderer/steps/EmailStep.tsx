import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import { NumberField } from '../components/NumberField';
import { PasswordField } from '../components/PasswordField';
import { hostNameFix, spnCrossCheck } from '../components/field-fixes';
import { SettingField, type FieldFix } from '../components/SettingField';
import { FieldGroup, StepPage } from '../components/StepPage';
import type { StepProps } from '../wizard/step-props';

/** Switching TLS moves the port along only while it is still the other scheme's default. */
function portForTls(tls: boolean, port: number): number {
  if (tls && port === 80) return 443;
  if (!tls && port === 443) return 80;
  return port;
}

export function EmailStep({ settings, update, secrets, setSecret }: StepProps) {
  const email = settings.email;
  const set = (patch: Partial<typeof email>) => update((s) => ({ ...s, email: { ...s.email, ...patch } }));
  const setCas = (patch: Partial<typeof email.casArray>) => set({ casArray: { ...email.casArray, ...patch } });
  const publicHost = settings.seg.publicHost;
  const setPublicHost = (value: string) => update((s) => ({ ...s, seg: { ...s.seg, publicHost: value } }));
  const targetSpn = settings.kcd.targetSpn.trim();
  const wanted = spnCrossCheck(targetSpn, email);
  // Said under the host the SPN is derived from: the CAS array's FQDN when there is one.
  const spnFix: FieldFix | null = wanted && {
    value: wanted.spn,
    reason: `The target SPN on the KCD step, ${targetSpn}, names another host: for ${wanted.host} it is ${wanted.spn}.`,
    apply: () => update((s) => ({ ...s, kcd: { ...s.kcd, targetSpn: wanted.spn } })),
  };
  const publicHostFix = hostNameFix(publicHost);
  return (
    <StepPage title="Email server" intro="The Exchange server (or CAS array) the SEG forwards ActiveSync requests to, as the SEG reaches it.">
      <FieldGroup title="Exchange ActiveSync">
        <SettingField
          field="email.host"
          label="Email server hostname"
          placeholder="semail01.se.airwlab.com"
          value={email.host}
          onChange={(host) => set({ host })}
          help="The name the SEG uses for the CAS/EAS server, without https:// or a port, such as semail01.se.airwlab.com."
          fix={hostNameFix(email.host) ?? (email.casArray.enabled ? null : spnFix)}
          monospace
        />
        <NumberField field="email.port" label="Port" value={email.port} onChange={(port) => set({ port })} help="443 with TLS, 80 without." />
        <SettingField
          field="email.path"
          label="ActiveSync path"
          value={email.path}
          onChange={(path) => set({ path })}
          help="Normally /Microsoft-Server-ActiveSync."
          monospace
        />
        <Box sx={{ pt: 0.75 }}>
          <FormControlLabel
            control={
              <Switch checked={email.tls} onChange={(event) => set({ tls: event.target.checked, port: portForTls(event.target.checked, email.port) })} />
            }
            label="Use TLS (https)"
          />
        </Box>
      </FieldGroup>
      <FieldGroup title="CAS array" description="With a client access server array, the target SPN belongs to the array's alternate service account (ASA).">
        <Box sx={{ pt: 0.75 }}>
          <FormControlLabel
            control={<Switch checked={email.casArray.enabled} onChange={(event) => setCas({ enabled: event.target.checked })} />}
            label="Exchange is behind a CAS array"
          />
        </Box>
        <SettingField
          field="email.casArray.fqdn"
          label="CAS array FQDN"
          placeholder="mail.se.airwlab.com"
          value={email.casArray.fqdn}
          disabled={!email.casArray.enabled}
          onChange={(fqdn) => setCas({ fqdn })}
          help="The array's fully qualified name, whose alternate service account holds the target SPN, such as mail.se.airwlab.com."
          fix={hostNameFix(email.casArray.fqdn) ?? (email.casArray.enabled ? spnFix : null)}
          monospace
        />
      </FieldGroup>
      <FieldGroup title="Test mailbox (optional)" description="For the console's Basic-authentication verify. Leave empty to skip that check.">
        <SettingField
          field="email.testMailbox"
          label="Test mailbox user"
          placeholder="testuser@se.airwlab.com"
          value={email.testMailbox}
          onChange={(testMailbox) => set({ testMailbox })}
          help="As user@domain, DOMAIN\user or a user name, such as testuser@se.airwlab.com."
        />
        <PasswordField
          id="secret-test-mailbox-password"
          label="Test mailbox password"
          value={secrets.testMailboxPassword}
          onChange={(value) => setSecret('testMailboxPassword', value)}
          help="Used for the Basic-auth check only; never saved."
        />
      </FieldGroup>
      <FieldGroup
        title="Secure Email Gateway"
        description="The name devices reach the SEG by: the Exchange ActiveSync Host of the EAS profile, filled in on the Configure step's console checklist."
      >
        <SettingField
          field="seg.publicHost"
          label="SEG public DNS name"
          placeholder="seg.airwlab.com"
          value={publicHost}
          onChange={setPublicHost}
          help="The SEG's name on the internet, not the Exchange server's, such as seg.airwlab.com."
          fix={publicHostFix && { value: publicHostFix, reason: 'A host name only, without https:// or a port.' }}
          monospace
        />
      </FieldGroup>
    </StepPage>
  );
}
