import * as z from 'zod';
import type { UemClient } from './client';
import type { TlsObservation } from './https-exchange';
import { excerpt } from './json-body';
import { uemErr, uemOk, type UemResult } from './uem-error';

const shortText = z.string().max(512);

/** Schema ServiceDocument of `GET /api/system/info` (systemv1); only what the product shows is read. */
const serviceDocument = z.object({
  ProductName: shortText.optional(),
  ProductVersion: shortText,
  Version: z.union([z.number(), shortText]).optional(),
});

export interface SystemInfo {
  readonly productName: string | null;
  readonly productVersion: string;
  readonly apiVersion: string | null;
  readonly tls: TlsObservation;
}

/**
 * The cheapest call that proves URL, credentials and tenant code together, and the source
 * of the UEM version string (uem-api-notes.md 4). The operation answers version 1 only.
 */
export async function fetchSystemInfo(client: UemClient, signal?: AbortSignal): Promise<UemResult<SystemInfo>> {
  const answer = await client.get('/api/system/info', { accept: 'application/json', ...(signal ? { signal } : {}) });
  if (!answer.ok) return answer;
  const parsed = serviceDocument.safeParse(answer.value.json);
  if (!parsed.success) {
    return uemErr(
      'uem.not-uem-api',
      `The server answered GET /api/system/info, but not with a UEM service document (no ProductVersion): "${excerpt(answer.value.body.toString('utf8'))}"`,
      'Check that the URL is the UEM API server (SaaS: https://asNNNN.awmdm.com), not the console or another service.',
      [`GET /api/system/info: HTTP ${answer.value.status} without ProductVersion`],
    );
  }
  return uemOk({
    productName: parsed.data.ProductName ?? null,
    productVersion: parsed.data.ProductVersion,
    apiVersion: parsed.data.Version === undefined ? null : String(parsed.data.Version),
    tls: answer.value.tls,
  });
}
