import { describe, expect, it } from 'vitest';
import { warmRootStore } from '../../../app/net/root-store-warmup';

describe('warmRootStore', () => {
  it('makes a TLS context on a worker thread that ends cleanly without keeping the process alive', async () => {
    const worker = warmRootStore();
    expect(worker).not.toBeNull();
    const errors: Error[] = [];
    worker?.on('error', (e: Error) => errors.push(e));
    const code = await new Promise<number>((resolve) => worker?.once('exit', resolve));
    expect(errors).toEqual([]);
    expect(code).toBe(0);
  });
});
