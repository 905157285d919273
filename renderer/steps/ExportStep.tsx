import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { BundlePreview, CoreError, Settings } from '../../app/contract/core-api';
import { getApi } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordField } from '../components/PasswordField';
import { Section, StepPage } from '../components/StepPage';
import { BundlePreviewPanel } from '../export/BundlePreviewPanel';
import { passphraseRules, passphraseStrength } from '../export/passphrase-rules';
import { PassphraseRulesList } from '../export/PassphraseRulesList';
import { SaveIcon, UploadIcon } from '../icons';
import type { useVerify } from '../verify/useVerify';
import { downloadText } from '../wizard/download';
import { secretsForVerify, type SecretsState } from '../wizard/secrets';
import type { StepProps } from '../wizard/step-props';

export interface ExportStepProps extends StepProps {
  readonly verify: ReturnType<typeof useVerify>;
}

function ErrorLine({ error }: { readonly error: CoreError | null }) {
  if (!error) return null;
  return <ErrorAlert error={error} sx={{ mt: 1.5 }} />;
}

export function ExportStep({ settings, update, secrets, setSecret, verify }: ExportStepProps) {
  const api = getApi();
  // The last full run, never a single check run again since (from its row or an inline button).
  const finished = verify.model.lastFull;
  const stale = finished !== null && verify.ranWith !== JSON.stringify(settings);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [withReport, setWithReport] = useState(true);
  const [exportError, setExportError] = useState<CoreError | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [reportError, setReportError] = useState<CoreError | null>(null);
  const [importPassphrase, setImportPassphrase] = useState('');
  const [importError, setImportError] = useState<CoreError | null>(null);
  const [preview, setPreview] = useState<BundlePreview | null>(null);
  const [applied, setApplied] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const rules = passphraseRules(passphrase, repeat, Object.values(secrets));
  const passphraseReady = passphrase === '' ? repeat === '' : rules.every((r) => r.met);

  // A message answers the last action: once the admin changes anything, it no longer does.
  const clearMessages = () => {
    setExportError(null);
    setExported(null);
    setReportError(null);
    setImportError(null);
    setApplied(false);
  };
  // Settings replaced by "Replace my settings with these" are what the success message reports.
  const applying = useRef<Settings | null>(null);
  useEffect(() => {
    if (settings !== applying.current) clearMessages();
  }, [settings, secrets]);
  const changing =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      clearMessages();
      set(value);
    };

  const saveReport = async (format: 'html' | 'json') => {
    if (!finished) return;
    const rendered = await api.renderReport({ operationId: finished.operationId, format });
    if (!rendered.ok) return setReportError(rendered.error);
    setReportError(null);
    downloadText(rendered.value.fileName, rendered.value.text, format === 'html' ? 'text/html' : 'application/json');
  };

  const exportBundle = async () => {
    const result = await api.exportBundle({
      settings,
      secrets: passphrase === '' ? {} : secretsForVerify(secrets),
      ...(passphrase !== '' ? { passphrase } : {}),
      ...(finished && withReport ? { operationId: finished.operationId } : {}),
    });
    if (!result.ok) return setExportError(result.error);
    setExportError(null);
    setExported(`${result.value.fileName}${result.value.secretsIncluded ? ', with the passwords sealed under the passphrase' : ', without passwords'}`);
    downloadText(result.value.fileName, result.value.text, 'application/json');
  };

  const openBundle = async (file: File | undefined) => {
    if (!file) return;
    setApplied(false);
    const result = await api.importBundle({ text: await file.text(), ...(importPassphrase !== '' ? { passphrase: importPassphrase } : {}) });
    if (fileInput.current) fileInput.current.value = '';
    if (!result.ok) {
      setPreview(null);
      return setImportError(result.error);
    }
    setImportError(null);
    setPreview(result.value);
  };

  const apply = () => {
    if (!preview) return;
    applying.current = preview.settings;
    update(() => preview.settings);
    for (const [name, value] of Object.entries(preview.secrets)) if (typeof value === 'string') setSecret(name as keyof SecretsState, value);
    setPreview(null);
    setApplied(true);
  };

  return (
    <StepPage
      title="Export"
      intro="Hand the work on: the verify report for people and scripts, and one bundle that another engineer, or the CLI, can import and verify again."
    >
      <Section title="Verify report" description="The last run's checks, evidence and fixes: HTML to read or send, JSON for scripts (the CLI's --json format).">
        {finished ? (
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Button variant="outlined" startIcon={<SaveIcon fontSize="small" />} onClick={() => void saveReport('html')}>
              Save report (HTML)
            </Button>
            <Button variant="outlined" startIcon={<SaveIcon fontSize="small" />} onClick={() => void saveReport('json')}>
              Save report (JSON)
            </Button>
            <Typography variant="body2" color="text.secondary" data-export-run={finished.operationId}>
              Full run of {new Date(finished.report.startedAt).toLocaleTimeString()}: {finished.report.checks.length} checks, {finished.report.summary.fail}{' '}
              failed, {finished.report.summary.warn} warnings.
            </Typography>
          </Box>
        ) : (
          <Typography variant="body2">Run all checks on the Verify step first: the report is made from a full run.</Typography>
        )}
        {stale && (
          <Alert severity="info" sx={{ mt: 1.5 }}>
            The settings have changed since this run: the report describes the settings as they were then. Run all checks again to report on the settings now.
          </Alert>
        )}
        <ErrorLine error={reportError} />
      </Section>

      <Section
        title="Export a config bundle"
        description="One file with the settings, the public certificates and the last report, checked by a hash on import. Passwords are left out unless you give a passphrase to seal them with."
      >
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', columnGap: 2 }}>
          <PasswordField
            id="bundle-passphrase"
            label="Passphrase (optional)"
            value={passphrase}
            onChange={changing(setPassphrase)}
            help={passphrase === '' ? 'Without one, the bundle holds no passwords.' : 'The passwords typed in this window are sealed under it.'}
          />
          <PasswordField
            id="bundle-passphrase-repeat"
            label="Passphrase again"
            value={repeat}
            onChange={changing(setRepeat)}
            help="The recipient needs it exactly: a typo would lock the sealed passwords away."
          />
        </Box>
        {(passphrase !== '' || repeat !== '') && <PassphraseRulesList rules={rules} strength={passphraseStrength(passphrase)} />}
        <FormControlLabel
          control={
            <Checkbox checked={withReport && finished !== null} disabled={finished === null} onChange={(e) => changing(setWithReport)(e.target.checked)} />
          }
          label={finished ? 'Include the last verify report' : 'Include the last verify report (run Verify first)'}
        />
        <Box sx={{ mt: 1 }}>
          <Button variant="contained" startIcon={<SaveIcon fontSize="small" />} onClick={() => void exportBundle()} disabled={!passphraseReady}>
            Export bundle
          </Button>
        </Box>
        {exported && (
          <Typography variant="body2" role="status" sx={{ mt: 1.5 }}>
            Exported {exported}.
          </Typography>
        )}
        <ErrorLine error={exportError} />
      </Section>

      <Section
        title="Import a config bundle"
        description="Shows what a bundle holds before anything is replaced. A damaged or altered file is refused and changes nothing."
      >
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', columnGap: 2, alignItems: 'start' }}>
          <PasswordField
            id="bundle-import-passphrase"
            label="Passphrase (if it has one)"
            value={importPassphrase}
            onChange={changing(setImportPassphrase)}
            help="Needed to open sealed passwords and to authenticate the bundle."
          />
          <Box>
            <Button id="import-bundle" variant="outlined" startIcon={<UploadIcon />} onClick={() => fileInput.current?.click()} sx={{ mt: 0.25 }}>
              Choose bundle…
            </Button>
            <input
              ref={fileInput}
              type="file"
              hidden
              accept=".segkcd,application/json"
              aria-label="Bundle file"
              onChange={(e) => void openBundle(e.target.files?.[0])}
            />
          </Box>
        </Box>
        <ErrorLine error={importError} />
        {preview && <BundlePreviewPanel preview={preview} onApply={apply} onDiscard={() => setPreview(null)} />}
        {applied && (
          <Alert severity="success" sx={{ mt: 1.5 }}>
            The bundle&apos;s settings are now open in the wizard. Save them to keep them, and run Verify to check them here.
          </Alert>
        )}
      </Section>
    </StepPage>
  );
}
