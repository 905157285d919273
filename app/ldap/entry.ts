import type { Entry } from 'ldapts';

/**
 * Attribute access on an ldapts entry. Servers choose the case of attribute names in
 * replies (AD and Samba answer with the schema's case, not the request's), so lookups
 * ignore case.
 */
function raw(entry: Entry, attr: string): Entry[string] | undefined {
  const wanted = attr.toLowerCase();
  for (const key of Object.keys(entry)) {
    if (key.toLowerCase() === wanted) return entry[key];
  }
  return undefined;
}

export function texts(entry: Entry, attr: string): string[] {
  const value = raw(entry, attr);
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v));
}

export function text(entry: Entry, attr: string): string | undefined {
  return texts(entry, attr)[0];
}

export function buffers(entry: Entry, attr: string): Buffer[] {
  const value = raw(entry, attr);
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (Buffer.isBuffer(v) ? v : Buffer.from(v, 'utf8')));
}

/** An integer attribute (userAccountControl, msDS-SupportedEncryptionTypes); undefined when absent or not a number. */
export function integer(entry: Entry, attr: string): number | undefined {
  const value = text(entry, attr);
  if (value === undefined || !/^-?\d+$/.test(value.trim())) return undefined;
  return Number(value);
}
