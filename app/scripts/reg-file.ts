import { err, ok, type Result } from '../contract/result';
import { Quoter } from './quote';

/**
 * Windows registry export files (.reg, "Windows Registry Editor Version 5.00"): rendered for
 * the fixes we ship, and read back when a SEG host's exported keys are checked.
 */

export type RegValue =
  | { readonly kind: 'sz'; readonly data: string }
  | { readonly kind: 'expand-sz'; readonly data: string }
  | { readonly kind: 'multi-sz'; readonly data: readonly string[] }
  | { readonly kind: 'dword'; readonly data: number }
  | { readonly kind: 'binary'; readonly data: Buffer }
  | { readonly kind: 'delete' };

export interface RegKey {
  readonly path: string;
  /** Comment lines written above the key (`;` lines, which regedit ignores). */
  readonly comment?: readonly string[];
  readonly values: readonly { readonly name: string; readonly value: Extract<RegValue, { kind: 'sz' | 'dword' | 'delete' }> }[];
}

const HEADER = 'Windows Registry Editor Version 5.00';

/** Text of a .reg file; regedit wants it saved as UTF-16LE with a byte order mark (GeneratedScript encoding `utf16le-bom`). */
export function renderRegFile(keys: readonly RegKey[], preamble: readonly string[] = []): Result<string> {
  const q = new Quoter();
  const lines: string[] = [HEADER, '', ...preamble.map((line) => `; ${line}`)];
  for (const key of keys) {
    if (/[\r\n\]]/.test(key.path)) return err('script.value-unquotable', `A registry key path cannot hold "]" or a line break: ${key.path}`);
    if (preamble.length > 0 || lines.length > 2) lines.push('');
    for (const line of key.comment ?? []) lines.push(`; ${line}`);
    lines.push(`[${key.path}]`);
    for (const { name, value } of key.values) {
      const data = value.kind === 'dword' ? `dword:${(value.data >>> 0).toString(16).padStart(8, '0')}` : value.kind === 'sz' ? q.reg(value.data) : '-';
      lines.push(`${name === '' ? '@' : q.reg(name)}=${data}`);
    }
  }
  return q.finish(() => lines.join('\r\n') + '\r\n');
}

/** Keys by lower-case path; values by lower-case name (`''` = the default value). */
export type RegistryExport = ReadonlyMap<string, ReadonlyMap<string, RegValue>>;

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le');
  return bytes.toString('utf8');
}

function readQuoted(line: string, from: number): { text: string; end: number } | undefined {
  if (line[from] !== '"') return undefined;
  let text = '';
  for (let i = from + 1; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) {
      text += line[++i];
    } else if (ch === '"') {
      return { text, end: i + 1 };
    } else {
      text += ch;
    }
  }
  return undefined;
}

function hexBytes(list: string): Buffer | undefined {
  const parts = list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (!parts.every((part) => /^[0-9a-fA-F]{1,2}$/.test(part))) return undefined;
  return Buffer.from(parts.map((part) => parseInt(part, 16)));
}

function utf16Strings(bytes: Buffer): string[] {
  return bytes.toString('utf16le', 0, bytes.length - (bytes.length % 2)).split('\0');
}

function parseData(data: string): RegValue | undefined {
  if (data === '-') return { kind: 'delete' };
  if (data.startsWith('"')) {
    const quoted = readQuoted(data, 0);
    return quoted && quoted.end === data.length ? { kind: 'sz', data: quoted.text } : undefined;
  }
  const dword = /^dword:([0-9a-fA-F]{1,8})$/.exec(data);
  if (dword) return { kind: 'dword', data: parseInt(dword[1]!, 16) };
  const hex = /^hex(?:\(([0-9a-fA-F]+)\))?:(.*)$/.exec(data);
  if (!hex) return undefined;
  const bytes = hexBytes(hex[2]!);
  if (!bytes) return undefined;
  switch ((hex[1] ?? '3').toLowerCase()) {
    case '1':
      return { kind: 'sz', data: utf16Strings(bytes)[0] ?? '' };
    case '2':
      return { kind: 'expand-sz', data: utf16Strings(bytes)[0] ?? '' };
    case '7':
      return { kind: 'multi-sz', data: utf16Strings(bytes).filter((s) => s !== '') };
    case '4':
      return bytes.length === 4 ? { kind: 'dword', data: bytes.readUInt32LE(0) } : undefined;
    default:
      return { kind: 'binary', data: bytes };
  }
}

/**
 * Reads what `reg export` or regedit wrote: UTF-16LE or UTF-8, one or several exports joined
 * (`copy /b a.reg+b.reg`), hex lists continued over lines with a trailing backslash.
 */
export function parseRegExport(bytes: Buffer): Result<RegistryExport> {
  const text = decode(bytes).replace(/\ufeff/g, '');
  const physical = text.split(/\r\n|\r|\n/);
  const logical: { line: string; number: number }[] = [];
  for (let i = 0; i < physical.length; i++) {
    let line = physical[i]!;
    const number = i + 1;
    while (line.endsWith('\\') && /=hex/.test(line) && i + 1 < physical.length) line = line.slice(0, -1) + physical[++i]!.trim();
    logical.push({ line, number });
  }
  const keys = new Map<string, Map<string, RegValue>>();
  let current: Map<string, RegValue> | undefined;
  let sawHeader = false;
  for (const { line, number } of logical) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith(';')) continue;
    if (trimmed === HEADER || trimmed === 'REGEDIT4') {
      sawHeader = true;
      continue;
    }
    if (!sawHeader)
      return err(
        'seg.registry-unreadable',
        'This is not a registry export: it does not start with "Windows Registry Editor Version 5.00".',
        'Export the keys with regedit or reg export.',
      );
    const key = /^\[(-?)(.+)\]$/.exec(trimmed);
    if (key) {
      const path = key[2]!.toLowerCase();
      current = key[1] === '-' ? undefined : (keys.get(path) ?? new Map<string, RegValue>());
      if (current) keys.set(path, current);
      else keys.delete(path);
      continue;
    }
    if (!current) return err('seg.registry-unreadable', `Line ${number} holds a value outside any key.`);
    const name = trimmed.startsWith('@=') ? { text: '', end: 1 } : readQuoted(trimmed, 0);
    const value = name && trimmed[name.end] === '=' ? parseData(trimmed.slice(name.end + 1)) : undefined;
    if (!name || !value)
      return err(
        'seg.registry-unreadable',
        `Line ${number} of the registry export cannot be read.`,
        'Export the keys again with regedit or reg export; do not edit the file by hand.',
      );
    current.set(name.text.toLowerCase(), value);
  }
  return ok(keys);
}

export function regValue(exported: RegistryExport, path: string, name: string): RegValue | undefined {
  return exported.get(path.toLowerCase())?.get(name.toLowerCase());
}
