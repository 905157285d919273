import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { BundlePreview } from '../../app/contract/core-api';

/** What an imported bundle holds, shown before anything of the person's is replaced. */
export function BundlePreviewPanel({
  preview,
  onApply,
  onDiscard,
}: {
  readonly preview: BundlePreview;
  readonly onApply: () => void;
  readonly onDiscard: () => void;
}) {
  const s = preview.settings;
  const secrets = Object.keys(preview.secrets).length;
  const lines = [
    `Made ${new Date(preview.createdAt).toLocaleString()} by ${preview.createdBy}`,
    preview.integrity === 'authenticated'
      ? 'Integrity: authenticated with the passphrase'
      : 'WARNING: not protected by a passphrase, so nothing vouches for who made it or that it is unchanged; check these settings before you use them',
    `Organization group: ${s.organizationGroup.name || '—'} · MEM configuration: ${s.organizationGroup.memConfigName || '—'}`,
    `KCD: ${s.kcd.targetSpn || '—'} as ${s.kcd.serviceAccount || '—'} in ${s.kcd.domains.map((d) => d.realm).join(', ') || '—'}`,
    `Email server: ${s.email.host || '—'}:${s.email.port}`,
    `${preview.certificates.length} ${preview.certificates.length === 1 ? 'certificate' : 'certificates'}, ${preview.scripts.length} ${preview.scripts.length === 1 ? 'script' : 'scripts'}`,
    preview.report
      ? `Verify report of ${new Date(preview.report.startedAt).toLocaleString()}: ${preview.report.summary.fail} failed, ${preview.report.summary.warn} warnings`
      : 'No verify report',
    secrets > 0 ? `${secrets} ${secrets === 1 ? 'password' : 'passwords'} (kept in this window only)` : 'No passwords',
  ];
  return (
    <Box sx={{ mt: 2, p: 2, bgcolor: '#f7f9fb', border: 1, borderColor: 'divider', borderRadius: 1 }} data-bundle-preview>
      <Typography variant="h3" sx={{ mb: 1 }}>
        What the bundle holds
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5, mb: 2 }}>
        {lines.map((line) => (
          <Typography component="li" variant="body2" key={line}>
            {line}
          </Typography>
        ))}
      </Box>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button variant="contained" onClick={onApply}>
          Replace my settings with these
        </Button>
        <Button onClick={onDiscard}>Keep my settings</Button>
      </Box>
    </Box>
  );
}
