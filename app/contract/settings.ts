import * as z from 'zod';
import { controlCharacter } from './control-characters';

/**
 * The settings document of product.md ("Settings file (contract)"). The wizard saves it,
 * the CLI reads it and the bundle carries it; field names are a contract with scripts
 * outside the project, so they are never renamed.
 *
 * The schema checks shape only (types, and what JSON can express). Whether a value is
 * *right* — an upper-case realm, an SPN of the form HTTP/host — is the job of the
 * `input.*` checks, so that a bad value becomes a failing check with a reason instead of
 * an unreadable file. Missing fields default to empty so that those checks can name them.
 * One exception: no value holds a control character (a line break in a realm would become a
 * line of its own in a generated script), so such a file is refused with the field named.
 */

// A process parses its settings once or a few times: zod's fast path, compiled with new Function
// on the first parse, cost more than it saved (4.6 ms against 2.3 ms for the lab's settings).
z.config({ jitless: true });

const oneLine = z.string().superRefine((value, ctx) => {
  const control = controlCharacter(value);
  if (control)
    ctx.addIssue({ code: 'custom', message: `holds a ${control}; line breaks, tabs and other control characters are not allowed in a settings value` });
});

const text = oneLine.default('');

export const uemSchema = z
  .object({
    apiUrl: text,
    user: text,
    tenantCode: text,
    ignoreTlsErrors: z.boolean().default(false),
    /**
     * The SHA-256 of the API server's certificate, pinned when "ignore TLS errors" was turned
     * on (trust on first use): only that certificate is accepted. Absent in older files.
     */
    pinnedCertificateSha256: text,
    /**
     * How the API is signed in to (uem-api-notes.md 3): Basic with the admin user (the SEG
     * console's way), OAuth client credentials (SaaS), or an admin's client certificate (a PFX).
     * SEG_UEM_PASSWORD carries the password, the client secret or the PFX password.
     */
    authMethod: z.enum(['basic', 'oauth', 'certificate']).default('basic'),
    oauthTokenUrl: text,
    oauthClientId: text,
    /** The admin's API client certificate with its key: a PFX path, relative to the settings file. */
    clientCertificate: text,
  })
  .loose()
  .prefault({});

export const organizationGroupSchema = z
  .object({
    id: text,
    name: text,
    memConfigName: text,
    memConfigId: text,
  })
  .loose()
  .prefault({});

export const kcdDomainSchema = z.object({ realm: text, dcHost: text }).loose();

export const kcdSchema = z
  .object({
    targetSpn: text,
    serviceAccount: text,
    domains: z.array(kcdDomainSchema).max(32).default([]),
  })
  .loose()
  .prefault({});

export const emailSchema = z
  .object({
    host: text,
    port: z.number().int().default(443),
    tls: z.boolean().default(true),
    path: oneLine.default('/Microsoft-Server-ActiveSync'),
    casArray: z
      .object({ enabled: z.boolean().default(false), fqdn: text })
      .loose()
      .prefault({}),
    testMailbox: text,
  })
  .loose()
  .prefault({});

/** A certificate entry: a path relative to the settings file (one line), or inline PEM (lines by nature). */
export const certificateRefSchema = z
  .string()
  .max(1_000_000)
  .superRefine((value, ctx) => {
    const control = value.trimStart().startsWith('-----BEGIN') ? null : controlCharacter(value);
    if (control)
      ctx.addIssue({ code: 'custom', message: `holds a ${control}; a certificate file path is one line (inline certificates start with -----BEGIN)` });
  });

export const certificatesSchema = z
  .object({
    roots: z.array(certificateRefSchema).max(64).default([]),
    intermediates: z.array(certificateRefSchema).max(64).default([]),
    deviceCertificate: certificateRefSchema.default(''),
  })
  .loose()
  .prefault({});

export const networkSchema = z
  .object({
    hosts: z.record(oneLine, oneLine).default({}),
    dnsServer: text,
    timeoutMs: z.number().int().default(5000),
  })
  .loose()
  .prefault({});

export const segSchema = z
  .object({
    iisConfigPath: text,
    registryExport: text,
    /** A copy of the SEG's install folder (krb5.ini), for the seg.* checks. */
    folder: text,
    /** The name devices reach the SEG by: the EAS profile's Exchange ActiveSync Host. Absent in older files. */
    publicHost: text,
  })
  .loose()
  .prefault({});

export const SETTINGS_VERSION = 1;

export const settingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION),
    uem: uemSchema,
    organizationGroup: organizationGroupSchema,
    kcd: kcdSchema,
    email: emailSchema,
    certificates: certificatesSchema,
    network: networkSchema,
    seg: segSchema,
  })
  .loose();

export type Settings = z.output<typeof settingsSchema>;
export type KcdDomain = z.output<typeof kcdDomainSchema>;

/** A blank document, as the wizard starts it. */
export function emptySettings(): Settings {
  return settingsSchema.parse({ version: SETTINGS_VERSION });
}
