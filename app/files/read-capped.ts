import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * A file's bytes, or null when it holds more than `limit`. The size is checked before reading and
 * the read stops one byte past the limit, so a device or a pipe named by mistake (/dev/zero, a
 * FIFO), or a file that grows meanwhile, is refused instead of read without end.
 *
 * Synchronous, for the one small file a command reads as it starts (settings, a bundle): four
 * thread-pool hops (open, stat, read, close) cost a verify process ~3 ms before its first request,
 * where these calls cost ~0.1 ms (issue 21). Errors (ENOENT, EISDIR, EACCES) are thrown as fs throws them.
 */
export function readCapped(path: string, limit: number): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > limit) return null;
    // A regular file is read in one call; a device or a pipe reports size 0 and grows the buffer.
    let buffer = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) return null;
        const grown = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return length > limit ? null : buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
