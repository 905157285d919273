import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { CertificateSummary } from '../../app/contract/core-api';
import { WarnIcon } from '../icons';
import { isPathEntry } from '../wizard/certificate-import';
import { certificateHints, type CertificateRole } from '../wizard/certificate-hints';
import { mono } from '../theme';

function validity(summary: CertificateSummary): { readonly text: string; readonly problem: boolean } {
  const now = Date.now();
  const until = new Date(summary.notAfter);
  if (now < new Date(summary.notBefore).getTime()) return { text: `not valid before ${new Date(summary.notBefore).toLocaleDateString()}`, problem: true };
  if (now > until.getTime()) return { text: `expired ${until.toLocaleDateString()}`, problem: true };
  return { text: `valid until ${until.toLocaleDateString()}`, problem: false };
}

/** What the core reads in one entry: whom it names, who issued it, until when, and for whom (UPN). */
export function EntryDetails({
  entry,
  role,
  describe,
}: {
  readonly entry: string;
  readonly role: CertificateRole;
  readonly describe: (entry: string) => Promise<CertificateSummary | string>;
}) {
  const [summary, setSummary] = useState<CertificateSummary | string | null>(null);
  useEffect(() => {
    let live = true;
    void describe(entry).then((s) => live && setSummary(s));
    return () => {
      live = false;
    };
  }, [entry, describe]);
  if (isPathEntry(entry)) {
    return (
      <Typography variant="body2" color="text.secondary">
        File: {entry} (relative to the settings file)
      </Typography>
    );
  }
  if (summary === null) {
    return (
      <Typography variant="body2" color="text.secondary">
        Reading…
      </Typography>
    );
  }
  if (typeof summary === 'string') {
    return (
      <Typography variant="body2" color="error">
        {summary}
      </Typography>
    );
  }
  const valid = validity(summary);
  const upn = summary.san.upn[0];
  const hints = certificateHints(role, summary);
  return (
    <>
      <Typography variant="body2" sx={{ fontWeight: 600 }} data-subject>
        {summary.subject}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Issued by {summary.selfIssued ? 'itself' : summary.issuer} ·{' '}
        <Box component="span" sx={valid.problem ? { color: 'error.main', fontWeight: 600 } : undefined}>
          {valid.text}
        </Box>
        {upn ? ` · UPN ${upn}` : ''}
      </Typography>
      <Typography variant="caption" component="div" color="text.secondary" sx={mono}>
        SHA-256 {summary.sha256Fingerprint.slice(0, 47)}…
      </Typography>
      {hints.map((hint) => (
        <Typography
          key={hint}
          variant="body2"
          sx={{ display: 'flex', gap: 0.75, alignItems: 'center', color: 'warning.dark', fontWeight: 600 }}
          data-certificate-hint
        >
          <WarnIcon sx={{ fontSize: 16 }} aria-hidden />
          {hint}
        </Typography>
      ))}
    </>
  );
}
