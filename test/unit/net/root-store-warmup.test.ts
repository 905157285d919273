import { describe, expect, it } from 'vitest';
import { rootStoreWarmed, warmRootStore } from '../../../app/net/root-store-warmup';

describe('warmRootStore', () => {
  it('makes a TLS context on a worker thread that ends cleanly, and rootStoreWarmed settles when it has', async () => {
    let warmed = false;
    const worker = warmRootStore();
    expect(worker).not.toBeNull();
    void rootStoreWarmed().then(() => (warmed = true));
    const errors: Error[] = [];
    worker?.on('error', (e: Error) => errors.push(e));
    const code = await new Promise<number>((resolve) => worker?.once('exit', resolve));
    await rootStoreWarmed();
    expect(warmed).toBe(true);
    expect(errors).toEqual([]);
    expect(code).toBe(0);
  });
});
