import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRegExport, regValue, renderRegFile } from '../../../app/scripts/reg-file';

const FIXTURES = join(__dirname, '../../fixtures/iis');
const ENV = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment';

describe('parseRegExport', () => {
  it('reads a UTF-16 export with REG_EXPAND_SZ hex lists continued over lines, and two joined exports', () => {
    const exported = parseRegExport(readFileSync(join(FIXTURES, 'seg-registry-configured.reg')));
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    expect(regValue(exported.value, ENV, 'path')).toEqual({
      kind: 'expand-sz',
      data: '%SystemRoot%\\system32;%SystemRoot%;%SystemRoot%\\System32\\Wbem;%SYSTEMROOT%\\System32\\WindowsPowerShell\\v1.0\\;C:\\AirWatch\\SecureEmailGateway\\KerberosFiles',
    });
    expect(regValue(exported.value, ENV, 'OS')).toEqual({ kind: 'sz', data: 'Windows_NT' });
    expect(exported.value.has('hkey_local_machine\\software\\microsoft\\systemcertificates\\ca\\certificates\\cd34af58604d8502d75064c704bff135d8e05948')).toBe(
      true,
    );
  });

  it('reads back what renderRegFile writes, hostile names and values included', () => {
    const values = [
      { name: 'Quote"And\\Backslash', value: { kind: 'sz' as const, data: 'C:\\x "y" ü $env:z `w`' } },
      { name: 'MaxPacketSize', value: { kind: 'dword' as const, data: 1 } },
      { name: 'Big', value: { kind: 'dword' as const, data: 0xffffffff } },
      { name: '', value: { kind: 'sz' as const, data: 'default' } },
    ];
    const text = renderRegFile([{ path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Test', comment: ['a note'], values }]);
    expect(text.ok).toBe(true);
    if (!text.ok) return;
    const parsed = parseRegExport(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.value, 'utf16le')]));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    for (const { name, value } of values) expect(regValue(parsed.value, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Test', name)).toEqual(value);
  });

  it('renders a deletion with "=-" and refuses line breaks in values', () => {
    const deletion = renderRegFile([{ path: 'HKEY_LOCAL_MACHINE\\X', values: [{ name: 'LogLevel', value: { kind: 'delete' } }] }]);
    expect(deletion.ok && deletion.value).toBe('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"LogLevel"=-\r\n');
    expect(renderRegFile([{ path: 'HKEY_LOCAL_MACHINE\\X', values: [{ name: 'a', value: { kind: 'sz', data: 'x\ny' } }] }]).ok).toBe(false);
    expect(renderRegFile([{ path: 'HKEY_LOCAL_MACHINE\\X]\r\n[HKEY_LOCAL_MACHINE\\Y', values: [] }]).ok).toBe(false);
  });

  it.each([
    ['not a registry file', Buffer.from('hello')],
    ['value outside a key', Buffer.from('Windows Registry Editor Version 5.00\r\n"a"="b"\r\n')],
    ['broken hex', Buffer.from('Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"a"=hex:zz\r\n')],
    ['unterminated string', Buffer.from('Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"a"="b\r\n')],
  ])('refuses %s with a typed error', (_name, bytes) => {
    const parsed = parseRegExport(bytes);
    expect(!parsed.ok && parsed.error.code).toBe('seg.registry-unreadable');
  });
});
