import { describe, expect, it } from 'vitest';
import { rootStoreWarmed, warmRootStore } from '../../../app/net/root-store-warmup';

describe('warmRootStore', () => {
  it('makes a TLS context on a worker thread that ends cleanly; rootStoreWarmed settles once the store is built, before the thread is torn down', async () => {
    const events: string[] = [];
    const worker = warmRootStore();
    expect(worker).not.toBeNull();
    void rootStoreWarmed().then(() => events.push('warmed'));
    const errors: Error[] = [];
    worker?.on('error', (e: Error) => errors.push(e));
    const code = await new Promise<number>((resolve) =>
      worker?.once('exit', (c: number) => {
        events.push('exit');
        resolve(c);
      }),
    );
    await rootStoreWarmed();
    expect(events).toEqual(['warmed', 'exit']);
    expect(errors).toEqual([]);
    expect(code).toBe(0);
  });
});
