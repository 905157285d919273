import { TlsSessionStore } from '../../net/tls-sessions';
import type { CheckContext } from '../types';

/** The run's store: the checks of one run share it, and the next run starts with none. */
export function runTlsSessions(ctx: Pick<CheckContext, 'memo'>): Promise<TlsSessionStore> {
  return ctx.memo('tls.sessions', async () => new TlsSessionStore());
}
