import { describe, expect, it } from 'vitest';
import { rootStoreWarmed, warmRootStore } from '../../../app/net/root-store-warmup';

describe('warmRootStore', () => {
  it('makes a TLS context on a worker thread that ends cleanly; the worker says when the store is built, and rootStoreWarmed settles then', async () => {
    const events: string[] = [];
    const worker = warmRootStore();
    expect(worker).not.toBeNull();
    let warmed = false;
    void rootStoreWarmed().then(() => (warmed = true));
    const errors: Error[] = [];
    worker?.on('error', (e: Error) => errors.push(e));
    worker?.on('message', () => events.push('built'));
    const code = await new Promise<number>((resolve) =>
      worker?.once('exit', (c: number) => {
        events.push('exit');
        resolve(c);
      }),
    );
    await rootStoreWarmed();
    expect(warmed).toBe(true);
    // Node delivers a worker's messages before its exit: the store was reported built first.
    expect(events).toEqual(['built', 'exit']);
    expect(errors).toEqual([]);
    expect(code).toBe(0);
  });
});
