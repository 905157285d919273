import * as z from 'zod';
import { settingsSchema } from '../contract/settings';

/** What identifies our files: anything else is a foreign file, refused by name. */
export const BUNDLE_FORMAT = 'seg-kcd-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
/** A bundle holds settings, a few certificates, scripts and a report: far below this. */
export const MAX_BUNDLE_BYTES = 20 * 1024 * 1024;
export const BUNDLE_EXTENSION = '.segkcd';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const base64 = z
  .string()
  .max(1_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const scriptSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9._-]+$/, 'a script name is a file name of letters, digits, ".", "_" and "-"')
      .refine((name) => !/^\.+$/.test(name), 'a script name is a file name, not . or .. (or dots only)'),
    content: z.string().max(1_000_000),
    /** How the file is written back: cmd wants UTF-8, Windows PowerShell a BOM, regedit UTF-16. */
    encoding: z.enum(['utf8', 'utf8-bom', 'utf16le-bom']).default('utf8'),
  })
  .strict();

export const encryptedSecretsSchema = z.object({ iv: hex(12), tag: hex(16), ciphertext: base64 }).strict();

export const contentSchema = z
  .object({
    createdAt: z.iso.datetime(),
    createdBy: z.string().max(200),
    settings: settingsSchema,
    scripts: z.array(scriptSchema).max(200),
    report: z.record(z.string(), z.unknown()).nullable(),
    secrets: encryptedSecretsSchema.nullable(),
  })
  .strict();

/** scrypt at N=2^17, r=8: about 128 MiB and a few hundred milliseconds, per OWASP's guidance for scrypt. */
export const WRITTEN_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;

/**
 * scrypt parameters are read from the file and run before the MAC can be checked, so they are
 * capped at what this product writes: a hostile bundle must not make the import spend more
 * memory or time than an honest one before it can be refused.
 */
export const kdfSchema = z
  .object({
    name: z.literal('scrypt'),
    salt: hex(16),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(WRITTEN_KDF.N)
      .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(8).max(WRITTEN_KDF.r),
    p: z.number().int().min(1).max(WRITTEN_KDF.p),
  })
  .strict();

export const protectionSchema = z.object({ kdf: kdfSchema, check: hex(16), mac: hex(32) }).strict();

export const bundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
    content: contentSchema,
    protection: protectionSchema.nullable(),
    digest: z.object({ algorithm: z.literal('SHA-256'), value: hex(32) }).strict(),
  })
  .strict();

export type BundleDocument = z.output<typeof bundleSchema>;
export type BundleContent = z.output<typeof contentSchema>;
export type BundleScript = z.output<typeof scriptSchema>;
export type KdfParameters = z.output<typeof kdfSchema>;
