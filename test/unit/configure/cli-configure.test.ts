import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConfigure } from '../../../app/cli/configure';
import { captureIo } from '../../support/cli-io';
import { FIXTURES, labSettings } from './helpers';

let dir: string;
const original = readFileSync(join(FIXTURES, 'seg-installed.config'), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seg-configure-'));
  copyFileSync(join(FIXTURES, 'seg-installed.config'), join(dir, 'applicationHost.config'));
  copyFileSync(join(FIXTURES, 'root.cer'), join(dir, 'root.cer'));
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({ ...labSettings(), certificates: { roots: ['root.cer'], intermediates: [], deviceCertificate: '' } }),
  );
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('seg-setup configure', () => {
  it('--dry-run prints the plan, the diff and appcmd, and writes nothing', async () => {
    const io = captureIo({ cwd: dir });
    expect(await runConfigure(['--config', 'settings.json', '--iis-config', 'applicationHost.config', '--dry-run'], io)).toBe(0);
    expect(io.out()).toMatch(/change {2}Enable Active Directory Client Certificate Authentication on the server/);
    expect(io.out()).toContain('+    <location path="Default Web Site/Microsoft-Server-ActiveSync">');
    expect(io.out()).toContain(
      'appcmd.exe set config "Default Web Site" -section:system.webServer/serverRuntime /uploadReadAheadSize:10485760 /commit:apphost',
    );
    expect(readFileSync(join(dir, 'applicationHost.config'), 'utf8')).toBe(original);
    expect(readdirSync(dir).sort()).toEqual(['applicationHost.config', 'root.cer', 'settings.json']);
  });

  it('applies with a backup, then finds nothing to do; --undo restores', async () => {
    const io = captureIo({ cwd: dir });
    expect(await runConfigure(['--config', 'settings.json', '--iis-config', 'applicationHost.config', '--json'], io)).toBe(0);
    const outcome = JSON.parse(io.out());
    expect(outcome.applied.changed).toBe(true);
    expect(readFileSync(outcome.applied.backupPath, 'utf8')).toBe(original);
    const again = captureIo({ cwd: dir });
    expect(await runConfigure(['--config', 'settings.json', '--iis-config', 'applicationHost.config'], again)).toBe(0);
    expect(again.out()).toContain('No change: the file already holds every item.');
    expect(again.out()).toContain('Nothing written: no change was needed.');
    const undo = captureIo({ cwd: dir });
    expect(await runConfigure(['--config', 'settings.json', '--iis-config', 'applicationHost.config', '--undo', outcome.applied.backupPath], undo)).toBe(0);
    expect(readFileSync(join(dir, 'applicationHost.config'), 'utf8')).toBe(original);
  });

  it('--scripts writes every script, the certificates it needs and README.txt', async () => {
    const io = captureIo({ cwd: dir });
    expect(
      await runConfigure(['--config', 'settings.json', '--scripts', 'out', '--ca-web-host', 'ca01.se.airwlab.com', '--seg-public-host', 'seg.airwlab.com'], io),
    ).toBe(0);
    const files = readdirSync(join(dir, 'out'));
    expect(files).toEqual(
      expect.arrayContaining(['ad-spn.cmd', 'ad-delegation.ps1', 'ca-cdp-aia.ps1', 'krb5.ini', 'seg-kerberos-logging-TROUBLESHOOTING-ONLY.reg', 'README.txt']),
    );
    const readme = readFileSync(join(dir, 'out', 'README.txt'), 'utf8');
    expect(readme).toContain('Target SPN: HTTP/semail01');
    expect(readme).toContain('[TROUBLESHOOTING ONLY - remove afterwards]');
    expect(readFileSync(join(dir, 'out', 'seg-kerberos-maxpacketsize.reg')).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));

    // A file the admin changed there is kept unless --replace says otherwise.
    writeFileSync(join(dir, 'out', 'krb5.ini'), '# edited by hand\n');
    const again = captureIo({ cwd: dir });
    expect(await runConfigure(['--config', 'settings.json', '--scripts', 'out', '--ca-web-host', 'ca01.se.airwlab.com'], again)).toBe(2);
    expect(again.err()).toContain('krb5.ini');
    expect(readFileSync(join(dir, 'out', 'krb5.ini'), 'utf8')).toBe('# edited by hand\n');
    expect(
      await runConfigure(['--config', 'settings.json', '--scripts', 'out', '--ca-web-host', 'ca01.se.airwlab.com', '--replace'], captureIo({ cwd: dir })),
    ).toBe(0);
    expect(readFileSync(join(dir, 'out', 'krb5.ini'), 'utf8')).toContain('[libdefaults]');
  });

  it('gives a clear error, exit 2 and no write for a damaged file or bad arguments', async () => {
    writeFileSync(join(dir, 'applicationHost.config'), readFileSync(join(FIXTURES, 'damaged.config')));
    const io = captureIo({ cwd: dir });
    expect(await runConfigure(['--config', 'settings.json', '--iis-config', 'applicationHost.config'], io)).toBe(2);
    expect(io.err()).toMatch(/not well-formed XML/);
    expect(readdirSync(dir).sort()).toEqual(['applicationHost.config', 'root.cer', 'settings.json']);
    for (const args of [
      ['--config', 'settings.json'],
      ['--iis-config', 'x'],
      ['--config', 'settings.json', '--iis-config', 'x', '--server', 'dc'],
      ['--config', 'settings.json', '--bogus'],
    ]) {
      expect(await runConfigure(args, captureIo({ cwd: dir }))).toBe(2);
    }
  });
});
