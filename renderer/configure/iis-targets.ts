import { useState } from 'react';
import type { ServerRole } from '../../app/contract/core-api';

/**
 * The server chosen on the Configure step and the applicationHost.config path given for each:
 * held by the wizard, not the step, so both are there again when the admin comes back. The SEG's
 * path starts as the one of the SEG host panel (seg.iisConfigPath) until the admin types another.
 */
export function useIisTargets(segPath: string) {
  const [role, setRole] = useState<ServerRole>('seg');
  const [typed, setTyped] = useState<Partial<Record<ServerRole, string>>>({});
  const paths: Readonly<Record<ServerRole, string>> = { seg: typed.seg ?? segPath, exchange: typed.exchange ?? '', ca: typed.ca ?? '' };
  const setPath = (server: ServerRole, path: string) => setTyped((current) => ({ ...current, [server]: path }));
  return { role, setRole, paths, setPath };
}

export type IisTargets = ReturnType<typeof useIisTargets>;
