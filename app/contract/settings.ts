import { en } from 'zod/locales';
import * as z from 'zod/mini';
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

// zod/mini: the same checks as zod's full API, in schemas that cost a process less to build and
// load (issue 21); its English messages are loaded here, since mini loads none by itself. A process
// parses its settings once or a few times: zod's fast path, compiled with new Function on the first
// parse, cost more than it saved (4.6 ms against 2.3 ms for the lab's settings).
z.config({ ...en(), jitless: true });

const oneLine = z.string().check(
  z.superRefine((value, ctx) => {
    const control = controlCharacter(value);
    if (control)
      ctx.addIssue({ code: 'custom', message: `holds a ${control}; line breaks, tabs and other control characters are not allowed in a settings value` });
  }),
);

const text = z._default(oneLine, '');

export const uemSchema = z.prefault(
  z.looseObject({
    apiUrl: text,
    user: text,
    tenantCode: text,
    ignoreTlsErrors: z._default(z.boolean(), false),
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
    authMethod: z._default(z.enum(['basic', 'oauth', 'certificate']), 'basic'),
    oauthTokenUrl: text,
    oauthClientId: text,
    /** The admin's API client certificate with its key: a PFX path, relative to the settings file. */
    clientCertificate: text,
  }),
  {},
);

export const organizationGroupSchema = z.prefault(
  z.looseObject({
    id: text,
    name: text,
    memConfigName: text,
    memConfigId: text,
  }),
  {},
);

export const kcdDomainSchema = z.looseObject({ realm: text, dcHost: text });

export const kcdSchema = z.prefault(
  z.looseObject({
    targetSpn: text,
    serviceAccount: text,
    domains: z._default(z.array(kcdDomainSchema).check(z.maxLength(32)), []),
  }),
  {},
);

export const emailSchema = z.prefault(
  z.looseObject({
    host: text,
    port: z._default(z.int(), 443),
    tls: z._default(z.boolean(), true),
    path: z._default(oneLine, '/Microsoft-Server-ActiveSync'),
    casArray: z.prefault(z.looseObject({ enabled: z._default(z.boolean(), false), fqdn: text }), {}),
    testMailbox: text,
  }),
  {},
);

/** A certificate entry: a path relative to the settings file (one line), or inline PEM (lines by nature). */
export const certificateRefSchema = z.string().check(
  z.maxLength(1_000_000),
  z.superRefine((value, ctx) => {
    const control = value.trimStart().startsWith('-----BEGIN') ? null : controlCharacter(value);
    if (control)
      ctx.addIssue({ code: 'custom', message: `holds a ${control}; a certificate file path is one line (inline certificates start with -----BEGIN)` });
  }),
);

export const certificatesSchema = z.prefault(
  z.looseObject({
    roots: z._default(z.array(certificateRefSchema).check(z.maxLength(64)), []),
    intermediates: z._default(z.array(certificateRefSchema).check(z.maxLength(64)), []),
    deviceCertificate: z._default(certificateRefSchema, ''),
  }),
  {},
);

export const networkSchema = z.prefault(
  z.looseObject({
    hosts: z._default(z.record(oneLine, oneLine), {}),
    dnsServer: text,
    timeoutMs: z._default(z.int(), 5000),
  }),
  {},
);

export const segSchema = z.prefault(
  z.looseObject({
    iisConfigPath: text,
    registryExport: text,
    /** A copy of the SEG's install folder (krb5.ini), for the seg.* checks. */
    folder: text,
    /** The name devices reach the SEG by: the EAS profile's Exchange ActiveSync Host. Absent in older files. */
    publicHost: text,
  }),
  {},
);

export const SETTINGS_VERSION = 1;

export const settingsSchema = z.looseObject({
  version: z.literal(SETTINGS_VERSION),
  uem: uemSchema,
  organizationGroup: organizationGroupSchema,
  kcd: kcdSchema,
  email: emailSchema,
  certificates: certificatesSchema,
  network: networkSchema,
  seg: segSchema,
});

export type Settings = z.output<typeof settingsSchema>;
export type KcdDomain = z.output<typeof kcdDomainSchema>;

/** A blank document, as the wizard starts it. */
export function emptySettings(): Settings {
  return settingsSchema.parse({ version: SETTINGS_VERSION });
}
