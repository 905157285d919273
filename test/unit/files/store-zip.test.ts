import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { crc32, storeZip } from '../../../app/files/store-zip';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Python's zipfile as an independent reader: names, bytes, and testzip() verifies every CRC. */
function readWithPython(zip: Buffer): { bad: string | null; entries: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'store-zip-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'a.zip'), zip);
  const script =
    'import base64, json, sys, zipfile\n' +
    'z = zipfile.ZipFile(sys.argv[1])\n' +
    'print(json.dumps({"bad": z.testzip(), "entries": {i.filename: base64.b64encode(z.read(i)).decode() for i in z.infolist()}}))\n';
  return JSON.parse(execFileSync('python3', ['-c', script, join(dir, 'a.zip')], { encoding: 'utf8' })) as {
    bad: string | null;
    entries: Record<string, string>;
  };
}

describe('storeZip', () => {
  it('computes the CRC-32 zip uses (the same as zlib)', () => {
    for (const text of ['', 'a', 'The quick brown fox', '\u00e9\u00e8 ü']) expect(crc32(Buffer.from(text))).toBe(zlibCrc32(Buffer.from(text)));
  });

  it('writes a zip another reader opens, with every name and byte as given (UTF-8 names, BOMs kept)', () => {
    const entries = [
      { name: 'ad-spn.cmd', bytes: Buffer.from('@echo off\r\nsetspn -S HTTP/semail01 SEMAIL01\r\n') },
      { name: 'seg.reg', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Windows Registry Editor', 'utf16le')]) },
      { name: 'Zertifikat-Prüfung.cer', bytes: Buffer.from('-----BEGIN CERTIFICATE-----\n') },
      { name: 'empty.txt', bytes: Buffer.alloc(0) },
    ];
    const zip = storeZip(entries, new Date(2026, 11, 3, 16, 30, 58));
    if (!zip.ok) throw new Error(zip.error.message);
    const read = readWithPython(zip.value);
    expect(read.bad).toBeNull();
    expect(Object.keys(read.entries)).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(Buffer.from(read.entries[e.name]!, 'base64').equals(e.bytes)).toBe(true);
  });
});
