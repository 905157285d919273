import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { PasswordField } from '../components/PasswordField';
import { RememberPassword } from '../components/RememberPassword';
import { apiUrlFix } from '../components/field-fixes';
import { SettingField } from '../components/SettingField';
import { FieldGroup, StepPage } from '../components/StepPage';
import type { CheckInfo } from '../../app/contract/core-api';
import { InlineCheck } from '../verify/InlineCheck';
import { NetworkPanel } from '../verify/NetworkPanel';
import type { useVerify } from '../verify/useVerify';
import { rowOf } from '../verify/verify-model';
import type { StepProps } from '../wizard/step-props';

export interface UemStepProps extends StepProps {
  readonly catalogue: readonly CheckInfo[];
  readonly verify: ReturnType<typeof useVerify>;
  readonly uemPasswordRemembered: boolean;
  readonly onUemPasswordRemembered: (remembered: boolean) => void;
}

/** The SHA-256 the API server presented, from uem.api's refusal of an unpinned or another certificate. */
function presentedFingerprint(verify: ReturnType<typeof useVerify>): string | null {
  const row = rowOf(verify.model, 'uem.api');
  if (row.kind !== 'done') return null;
  const line = row.result.evidence.find((e) => /^server certificate SHA-256 fingerprint: /.test(e));
  return line?.slice(line.indexOf(': ') + 2) ?? null;
}

export function UemStep({ settings, update, secrets, setSecret, catalogue, verify, uemPasswordRemembered, onUemPasswordRemembered }: UemStepProps) {
  const uem = settings.uem;
  const set = (patch: Partial<typeof uem>) => update((s) => ({ ...s, uem: { ...s.uem, ...patch } }));
  const offline = uem.apiUrl.trim() === '';
  const presented = uem.ignoreTlsErrors ? presentedFingerprint(verify) : null;
  return (
    <StepPage title="UEM API" intro="The Workspace ONE UEM REST API the SEG reads its MEM configuration from, as on the SEG Setup console's first page.">
      {offline && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Working offline: with no API server URL, the UEM checks are skipped and you type the organization group and MEM configuration yourself on the next
          step.
        </Alert>
      )}
      <FieldGroup title="Connection">
        <SettingField
          field="uem.apiUrl"
          label="API server URL"
          placeholder="https://as1506.awmdm.com"
          value={uem.apiUrl}
          onChange={(apiUrl) => set({ apiUrl })}
          help="The server only, with https:// and no path, such as https://as1506.awmdm.com. Leave it empty to work offline."
          fix={apiUrlFix(uem.apiUrl)}
        />
        <TextField
          select
          id="uem-auth-method"
          label="Sign in with"
          value={uem.authMethod}
          onChange={(event) => set({ authMethod: event.target.value as typeof uem.authMethod })}
          helperText="Basic with an admin user is what the SEG Setup console does."
          size="small"
        >
          <MenuItem value="basic">Admin user and password (Basic)</MenuItem>
          <MenuItem value="oauth">OAuth client credentials (SaaS)</MenuItem>
          <MenuItem value="certificate">Admin client certificate (PFX)</MenuItem>
        </TextField>
        {uem.authMethod === 'basic' && (
          <SettingField
            field="uem.user"
            label="Admin username"
            placeholder="api-admin"
            value={uem.user}
            onChange={(user) => set({ user })}
            help="An admin with API access at the SEG's organization group, such as api-admin."
          />
        )}
        {uem.authMethod === 'oauth' && (
          <>
            <SettingField
              field="uem.oauthTokenUrl"
              label="Token URL"
              placeholder="https://na.uemauth.workspaceone.com/connect/token"
              value={uem.oauthTokenUrl}
              onChange={(oauthTokenUrl) => set({ oauthTokenUrl })}
              help="The token service of your region, such as https://emea.uemauth.workspaceone.com/connect/token."
            />
            <SettingField
              field="uem.oauthClientId"
              label="OAuth client id"
              value={uem.oauthClientId}
              onChange={(oauthClientId) => set({ oauthClientId })}
              help="From Groups & Settings > Configurations > OAuth Client Management, such as 3f9c2b7e41d84a6f9e0b5c1d2a7f8e64."
              monospace
            />
          </>
        )}
        {uem.authMethod === 'certificate' && (
          <SettingField
            field="uem.clientCertificate"
            label="Client certificate (PFX path)"
            placeholder="C:\Certs\api-admin.pfx"
            value={uem.clientCertificate}
            onChange={(clientCertificate) => set({ clientCertificate })}
            help="The PFX the console generated for the API admin, as a path on this machine, such as C:\Certs\api-admin.pfx."
          />
        )}
        <Box>
          <PasswordField
            id="secret-uem-password"
            label={uem.authMethod === 'basic' ? 'Admin password' : uem.authMethod === 'oauth' ? 'Client secret' : 'PFX password'}
            value={secrets.uemPassword}
            onChange={(value) => setSecret('uemPassword', value)}
            help={
              uemPasswordRemembered ? 'From the secret store; never in the settings file.' : "Used for this session's checks only; never in the settings file."
            }
          />
          <RememberPassword password={secrets.uemPassword} remembered={uemPasswordRemembered} onRemembered={onUemPasswordRemembered} />
        </Box>
        <SettingField
          field="uem.tenantCode"
          label="Tenant code (API key)"
          value={uem.tenantCode}
          onChange={(tenantCode) => set({ tenantCode })}
          help="The REST API key from System > Advanced > API > REST API on the UEM console, such as 1ZB3kq9Xc0Yt7Lm2Nw4Pv6Rs8Tu5Ah0."
          monospace
        />
      </FieldGroup>
      <Box>
        <FormControlLabel
          control={
            <Checkbox
              checked={uem.ignoreTlsErrors}
              onChange={(event) => {
                set({ ignoreTlsErrors: event.target.checked });
                // Turned on: ask the server at once, so the certificate to pin is shown.
                if (event.target.checked && !offline && !verify.busy)
                  void verify.start({ ...settings, uem: { ...uem, ignoreTlsErrors: true } }, secrets, ['uem.api']);
              }}
            />
          }
          label="Ignore TLS errors for the UEM API"
        />
        {uem.ignoreTlsErrors && (
          <Alert severity="warning" role="alert" sx={{ mt: 1 }}>
            The API server&apos;s certificate will not be checked, so anyone on the network path could read the admin password. Use this only to get past a test
            server&apos;s self-signed certificate. It applies to the UEM API alone and is shown in every report.
          </Alert>
        )}
        {uem.ignoreTlsErrors && presented !== null && presented !== uem.pinnedCertificateSha256 && (
          <Alert
            severity="warning"
            sx={{ mt: 1 }}
            data-presented-certificate={presented}
            action={
              <Button color="inherit" size="small" onClick={() => set({ pinnedCertificateSha256: presented })}>
                Pin this certificate
              </Button>
            }
          >
            The API server presents the certificate with SHA-256 {presented}. Compare it with the server&apos;s own certificate before you pin it: only the
            pinned certificate is accepted.
          </Alert>
        )}
        {uem.ignoreTlsErrors && (
          <SettingField
            field="uem.pinnedCertificateSha256"
            label="Pinned certificate (SHA-256)"
            value={uem.pinnedCertificateSha256}
            onChange={(pinnedCertificateSha256) => set({ pinnedCertificateSha256 })}
            help="Only this certificate is accepted. Turning the option on (with the password typed) or checking the connection shows the one the server presents: compare it with the server's own, then pin it."
          />
        )}
      </Box>
      {!offline && (
        <>
          {/* Pins first: a new site often has no DNS for these names, and this is the first check that connects. */}
          <NetworkPanel settings={settings} update={update} />
          <Box sx={{ mt: 2 }}>
            <InlineCheck checkId="uem.api" label="Check the connection" catalogue={catalogue} verify={verify} settings={settings} secrets={secrets} />
          </Box>
        </>
      )}
    </StepPage>
  );
}
