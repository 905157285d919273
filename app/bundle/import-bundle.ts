import { createHash } from 'node:crypto';
import { err, ok, type Result } from '../contract/result';
import type { Secret, Secrets } from '../config/secrets';
import type { Settings } from '../contract/settings';
import { canonicalJson } from './canonical-json';
import { describeSchemaIssues } from '../config/schema-issues';
import { openPayload } from './bundle-secrets';
import { bundleScriptsOf } from './bundle-scripts';
import { generateScripts, type CertificateFile } from '../configure/generate-scripts';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, MAX_BUNDLE_BYTES, bundleSchema, type BundleScript } from './format';
import { inlineOnly, type RoledCertificate } from './inline-certificates';
import { contentMac, decrypt, deriveKeys, equalHex, passphraseCheck } from './passphrase-crypto';

export interface ImportedBundle {
  readonly createdAt: string;
  readonly createdBy: string;
  /** With the tenant code restored when the passphrase opened the secrets. */
  readonly settings: Settings;
  readonly certificates: readonly RoledCertificate[];
  /** Generated here from the imported settings: the copies the file carries are never handed on. */
  readonly scripts: readonly BundleScript[];
  /** The inline CA certificates as the files those scripts name, written beside them. */
  readonly scriptCertificates: readonly CertificateFile[];
  readonly report: Record<string, unknown> | null;
  /** The passwords the bundle carried; empty when it carried none. */
  readonly secrets: Secrets;
  /** How far the file is proven unchanged: by the passphrase's MAC, or only by its digest (damage, not forgery). */
  readonly integrity: 'authenticated' | 'digest-only';
}

const damaged = (detail: string) =>
  err<never>(
    'bundle.damaged',
    `The bundle is damaged or was changed after export: ${detail}`,
    'Ask the sender to export it again and send the file unchanged (as an attachment, not pasted into a message).',
  );

/**
 * Reads a bundle and proves it whole before anything is returned; a caller that gets a
 * value may replace its settings, and one that gets an error has changed nothing.
 */
export async function importBundle(bytes: Uint8Array, passphrase?: Secret): Promise<Result<ImportedBundle>> {
  if (bytes.length > MAX_BUNDLE_BYTES) {
    return err(
      'bundle.too-large',
      `The file is ${bytes.length} bytes; a bundle is at most ${MAX_BUNDLE_BYTES}`,
      'Check that this is the .segkcd file that SEG KCD Setup exported.',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return err(
      'bundle.not-a-bundle',
      'The file is not a SEG KCD Setup bundle (it is not JSON text)',
      'Choose the .segkcd file that SEG KCD Setup exported; if it is one, it was damaged in transit.',
    );
  }
  const head = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  if (head.format !== BUNDLE_FORMAT) {
    return err('bundle.foreign', 'The file is not a SEG KCD Setup bundle', 'Choose the .segkcd file that SEG KCD Setup exported.');
  }
  if (typeof head.formatVersion === 'number' && head.formatVersion > BUNDLE_FORMAT_VERSION) {
    return err(
      'bundle.newer-version',
      `The bundle has format version ${head.formatVersion}; this SEG KCD Setup reads up to version ${BUNDLE_FORMAT_VERSION}`,
      'Update SEG KCD Setup, or ask the sender for a bundle from the same version.',
    );
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) return damaged(describeSchemaIssues(parsed.error.issues, '(file)', 3));
  const document = parsed.data;
  const canonical = canonicalJson(document.content);
  if (!equalHex(createHash('sha256').update(canonical).digest('hex'), document.digest.value)) return damaged('its SHA-256 digest does not match its content');

  let secrets: Secrets = {};
  let tenantCode = '';
  if (document.protection !== null) {
    if (passphrase === undefined) {
      return err(
        'bundle.passphrase-required',
        'This bundle is protected by a passphrase',
        'Give the passphrase the sender chose (in the wizard, or with --passphrase-stdin).',
      );
    }
    const keys = await deriveKeys(passphrase, document.protection.kdf);
    if (!equalHex(passphraseCheck(keys), document.protection.check)) {
      return err(
        'bundle.wrong-passphrase',
        'The passphrase is not the one this bundle was exported with',
        'Check the passphrase with the sender; it is case-sensitive.',
      );
    }
    if (!equalHex(contentMac(keys, canonical), document.protection.mac)) return damaged('its content does not match the passphrase-protected signature');
    if (document.content.secrets !== null) {
      const plain = decrypt(keys, document.content.secrets);
      const opened = plain === null ? null : openPayload(plain);
      if (opened === null) return damaged('its encrypted secrets do not decrypt');
      secrets = opened.secrets;
      tenantCode = opened.tenantCode;
    }
  } else if (passphrase !== undefined) {
    // Whoever was given a passphrase was sent a protected bundle: one without protection was stripped of it on the way.
    return err(
      'bundle.not-protected',
      'A passphrase was given, but this bundle is not protected by one: its protection may have been removed on the way',
      'Ask the sender to export it again with the passphrase, and compare the file with theirs by another channel.',
    );
  } else if (document.content.secrets !== null) {
    return damaged('it carries encrypted secrets without passphrase protection');
  }

  const certificates = await inlineOnly(document.content.settings);
  if (!certificates.ok) return certificates;
  const settings = document.content.settings;
  // Every certificate is inline (checked above), so no path is resolved against the base folder.
  const generated = await generateScripts({ settings, baseDir: '.' });
  return ok({
    createdAt: document.content.createdAt,
    createdBy: document.content.createdBy,
    settings: { ...settings, uem: { ...settings.uem, tenantCode } },
    certificates: certificates.value,
    scripts: bundleScriptsOf(generated),
    scriptCertificates: generated.certificates,
    report: document.content.report,
    secrets,
    integrity: document.protection === null ? 'digest-only' : 'authenticated',
  });
}
