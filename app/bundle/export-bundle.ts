import { createHash } from 'node:crypto';
import { err, ok, type Result } from '../contract/result';
import type { Secret, Secrets } from '../config/secrets';
import type { Settings } from '../contract/settings';
import { APP_NAME, APP_VERSION } from '../version';
import { canonicalJson } from './canonical-json';
import { sealPayload } from './bundle-secrets';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleContent, type BundleDocument, type BundleScript } from './format';
import { inlineCertificates } from './inline-certificates';
import { contentMac, deriveKeys, encrypt, newKdfParameters, passphraseCheck } from './passphrase-crypto';

export const MIN_PASSPHRASE_LENGTH = 12;

export interface ExportInput {
  readonly settings: Settings;
  /** Folder that certificate paths in the settings are relative to. */
  readonly baseDir: string;
  readonly scripts: readonly BundleScript[];
  /** The last verify report, as JSON. */
  readonly report: Record<string, unknown> | null;
  /** Carried only under a passphrase; left out otherwise. */
  readonly secrets: Secrets;
  readonly passphrase?: Secret;
  readonly now?: Date;
}

export interface ExportedBundle {
  /** The file's text. */
  readonly text: string;
  readonly secretsIncluded: boolean;
  readonly certificates: number;
}

/**
 * One file a person can e-mail. Without a passphrase secrets are left out (the tenant code
 * too, as it is an API key) and a SHA-256 digest detects damage. With one, the secrets are
 * sealed with AES-256-GCM under a scrypt key, and an HMAC over the whole content makes any
 * change to the file detectable.
 */
export async function exportBundle(input: ExportInput): Promise<Result<ExportedBundle>> {
  if (input.passphrase !== undefined && input.passphrase.reveal().length < MIN_PASSPHRASE_LENGTH) {
    return err(
      'bundle.weak-passphrase',
      `The passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`,
      'Use a longer passphrase, such as four unrelated words, and give it to the recipient by another channel than the bundle.',
    );
  }
  const inlined = await inlineCertificates(input.settings, input.baseDir);
  if (!inlined.ok) return inlined;
  const tenantCode = input.settings.uem.tenantCode;
  const settings: Settings = { ...inlined.value.settings, uem: { ...inlined.value.settings.uem, tenantCode: '' } };

  const protect = input.passphrase === undefined ? null : { kdf: newKdfParameters(), passphrase: input.passphrase };
  const keys = protect ? await deriveKeys(protect.passphrase, protect.kdf) : null;
  const content: BundleContent = {
    createdAt: (input.now ?? new Date()).toISOString(),
    createdBy: `${APP_NAME} ${APP_VERSION}`,
    settings,
    scripts: [...input.scripts],
    report: input.report,
    secrets: keys ? encrypt(keys, sealPayload({ secrets: input.secrets, tenantCode })) : null,
  };
  const canonical = canonicalJson(content);
  const document: BundleDocument = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    content,
    protection: protect && keys ? { kdf: protect.kdf, check: passphraseCheck(keys), mac: contentMac(keys, canonical) } : null,
    digest: { algorithm: 'SHA-256', value: createHash('sha256').update(canonical).digest('hex') },
  };
  return ok({ text: `${JSON.stringify(document, null, 2)}\n`, secretsIncluded: keys !== null, certificates: inlined.value.certificates.length });
}
