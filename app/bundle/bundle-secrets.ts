import * as z from 'zod';
import { Secret, type Secrets } from '../config/secrets';

/** What travels encrypted: the passwords, and the tenant code (an API key, so a secret too). */
export interface BundleSecrets {
  readonly secrets: Secrets;
  readonly tenantCode: string;
}

const payloadSchema = z
  .object({
    uemPassword: z.string().max(1024).optional(),
    kcdPassword: z.string().max(1024).optional(),
    testMailboxPassword: z.string().max(1024).optional(),
    tenantCode: z.string().max(1024),
  })
  .strict();

export function sealPayload(value: BundleSecrets): string {
  return JSON.stringify({
    uemPassword: value.secrets.uemPassword?.reveal(),
    kcdPassword: value.secrets.kcdPassword?.reveal(),
    testMailboxPassword: value.secrets.testMailboxPassword?.reveal(),
    tenantCode: value.tenantCode,
  });
}

export function openPayload(text: string): BundleSecrets | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return null;
  const secrets: Secrets = {};
  if (parsed.data.uemPassword) secrets.uemPassword = new Secret(parsed.data.uemPassword);
  if (parsed.data.kcdPassword) secrets.kcdPassword = new Secret(parsed.data.kcdPassword);
  if (parsed.data.testMailboxPassword) secrets.testMailboxPassword = new Secret(parsed.data.testMailboxPassword);
  return { secrets, tenantCode: parsed.data.tenantCode };
}
