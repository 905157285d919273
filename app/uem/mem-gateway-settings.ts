import * as z from 'zod';
import type { UemClient } from './client';
import { readFault } from './api-fault';
import { excerpt } from './json-body';
import { uemErr, uemOk, type UemResult } from './uem-error';

export interface CustomGatewaySetting {
  readonly key: string;
  readonly value: string;
}

/**
 * What the one public call that takes a MEM configuration's id says about it
 * (`GET /api/system/custom-gateway-settings/MEM/configuration/{uuid}`, uem-api-notes.md 6.3):
 * - `found`: the console knows a gateway configuration with that id, with these custom settings;
 * - `not-found`: errorCode 6200, "Gateway Configuration not found";
 * - `unavailable`: the call itself is missing (6204 module unknown, or a 404 without the API's
 *   error body: consoles before 20.10 have no custom gateway settings).
 */
export type MemConfigLookup =
  | { readonly kind: 'found'; readonly settings: readonly CustomGatewaySetting[] }
  | { readonly kind: 'not-found'; readonly said: string }
  | { readonly kind: 'unavailable'; readonly said: string };

const settingList = z
  .array(
    z.object({
      Key: z.string().max(256),
      Value: z.union([z.string().max(4096), z.number(), z.boolean()]).nullish(),
    }),
  )
  .max(2000);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

export async function lookupMemConfig(client: UemClient, memConfigUuid: string, signal?: AbortSignal): Promise<UemResult<MemConfigLookup>> {
  if (!isGuid(memConfigUuid)) {
    return uemErr(
      'uem.mem-config-id',
      `The MEM configuration id "${excerpt(memConfigUuid, 60)}" is not a GUID`,
      'Copy the MEM configuration GUID from the console, as UAG asks for it.',
    );
  }
  const path = `/api/system/custom-gateway-settings/MEM/configuration/${memConfigUuid.toLowerCase()}`;
  const answer = await client.get(path, { accept: 'application/json', passStatuses: [404], ...(signal ? { signal } : {}) });
  if (!answer.ok) return answer;
  if (answer.value.status === 404) {
    const fault = readFault(answer.value.body);
    const said = `HTTP 404${fault?.errorCode != null ? `, errorCode ${fault.errorCode}` : ''}${fault?.message ? `, "${excerpt(fault.message, 120)}"` : ''}`;
    return uemOk(fault?.errorCode === 6200 ? { kind: 'not-found', said } : { kind: 'unavailable', said });
  }
  const parsed = settingList.safeParse(answer.value.json ?? []);
  if (!parsed.success) {
    return uemErr(
      'uem.unexpected-shape',
      `The custom gateway settings of the MEM configuration came back in an unknown shape: "${excerpt(answer.value.body.toString('utf8'))}"`,
      'Check that the URL is the UEM API server.',
    );
  }
  return uemOk({ kind: 'found', settings: parsed.data.map((s) => ({ key: s.Key, value: s.Value == null ? '' : String(s.Value) })) });
}
