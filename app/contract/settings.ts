import { z } from 'zod';

/**
 * The settings document of product.md ("Settings file (contract)"). The wizard saves it,
 * the CLI reads it and the bundle carries it; field names are a contract with scripts
 * outside the project, so they are never renamed.
 *
 * The schema checks shape only (types, and what JSON can express). Whether a value is
 * *right* — an upper-case realm, an SPN of the form HTTP/host — is the job of the
 * `input.*` checks, so that a bad value becomes a failing check with a reason instead of
 * an unreadable file. Missing fields default to empty so that those checks can name them.
 */

const text = z.string().default('');

export const uemSchema = z
  .object({
    apiUrl: text,
    user: text,
    tenantCode: text,
    ignoreTlsErrors: z.boolean().default(false),
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
    path: z.string().default('/Microsoft-Server-ActiveSync'),
    casArray: z.object({ enabled: z.boolean().default(false), fqdn: text }).loose().prefault({}),
    testMailbox: text,
  })
  .loose()
  .prefault({});

/** A certificate entry: a path relative to the settings file, or inline PEM. */
export const certificateRefSchema = z.string().max(1_000_000);

export const certificatesSchema = z
  .object({
    roots: z.array(certificateRefSchema).max(64).default([]),
    intermediates: z.array(certificateRefSchema).max(64).default([]),
    deviceCertificate: z.string().max(1_000_000).default(''),
  })
  .loose()
  .prefault({});

export const networkSchema = z
  .object({
    hosts: z.record(z.string(), z.string()).default({}),
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
