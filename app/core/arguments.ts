import * as z from 'zod';
import { settingsSchema } from '../contract/settings';
import type { CoreMethod } from '../contract/core-api';

const none = z.union([z.undefined(), z.null(), z.object({}).strict()]).transform(() => undefined);
const withSettings = z.object({ settings: settingsSchema }).strict();
const operationRef = z.object({ operationId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict();
const secretValue = z.string().max(1024).optional();
const filePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path has no NUL character');
/** A host name typed on the Configure step; the script refuses anything else by name, so here only its size is bounded. */
const scriptsArgs = z
  .object({
    settings: settingsSchema,
    inputs: z
      .object({ caWebHost: z.string().max(253).optional() })
      .strict()
      .optional(),
  })
  .strict();
const configureTarget = z.object({ settings: settingsSchema, server: z.enum(['seg', 'exchange', 'ca']), configPath: filePath }).strict();
const secretsSchema = z.object({ uemPassword: secretValue, kcdPassword: secretValue, testMailboxPassword: secretValue }).strict();

/**
 * What each method accepts, checked before the core sees it: a page (or anything that got
 * hold of the transport) is not trusted to send the right shape. One schema library serves
 * settings, bundle and API arguments (architecture.md).
 */
export const ARGUMENT_SCHEMAS = {
  getAppInfo: none,
  newSettings: none,
  loadSettings: none,
  saveSettings: withSettings,
  validateSettings: withSettings,
  startVerify: z
    .object({
      settings: settingsSchema,
      secrets: secretsSchema,
      only: z.array(z.string().max(100)).max(200).optional(),
    })
    .strict(),
  getVerify: operationRef,
  cancelOperation: operationRef,
  importCertificates: z
    .object({
      base64: z
        .string()
        .max(14_000_000)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      password: secretValue,
    })
    .strict(),
  exportBundle: z
    .object({
      settings: settingsSchema,
      secrets: secretsSchema,
      passphrase: secretValue,
      operationId: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,64}$/)
        .optional(),
    })
    .strict(),
  previewConfigure: configureTarget,
  applyConfigure: configureTarget.extend({ expectedSha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  undoConfigure: z.object({ configPath: filePath, backupPath: filePath }).strict(),
  generateScripts: scriptsArgs,
  chooseScriptsFolder: none,
  saveScripts: scriptsArgs.extend({ dir: filePath, replace: z.boolean().optional() }).strict(),
  zipScripts: scriptsArgs,
  rememberUemPassword: z.object({ password: z.string().min(1).max(1024) }).strict(),
  recallUemPassword: none,
  relaunchElevated: none,
  forgetUemPassword: none,
  renderReport: operationRef.extend({ format: z.enum(['html', 'json']) }).strict(),
  importBundle: z.object({ text: z.string().max(21 * 1024 * 1024), passphrase: secretValue }).strict(),
  searchOrganizationGroups: z
    .object({ settings: settingsSchema, secrets: secretsSchema, query: z.string().max(256), page: z.number().int().min(0).max(100_000).optional() })
    .strict(),
  chooseSettingsFile: z.object({ purpose: z.enum(['open', 'save']) }).strict(),
  openSettingsFile: z.object({ path: filePath }).strict(),
  saveSettingsAs: z.object({ settings: settingsSchema, path: filePath }).strict(),
  parseHostPins: z.object({ text: z.string().max(100_000) }).strict(),
} as const satisfies Record<CoreMethod, z.ZodType>;
