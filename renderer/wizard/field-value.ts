/**
 * The value at a dotted settings path (`kcd.domains.0.realm`). Map keys may hold dots
 * themselves (`network.hosts.sedc01.se.airwlab.com`): when a part is not a key, the rest of
 * the path is tried as one key.
 */
export function valueAt(document: unknown, path: string): unknown {
  const parts = path.split('.');
  let current: unknown = document;
  for (let i = 0; i < parts.length; i++) {
    if (typeof current !== 'object' || current === null) return undefined;
    const record = current as Record<string, unknown>;
    const part = parts[i] as string;
    if (part in record) current = record[part];
    else return record[parts.slice(i).join('.')];
  }
  return current;
}

/** True when the field holds the same value in both documents, so an answer about one is still true of the other. */
export function sameField(a: unknown, b: unknown, path: string): boolean {
  return JSON.stringify(valueAt(a, path)) === JSON.stringify(valueAt(b, path));
}
