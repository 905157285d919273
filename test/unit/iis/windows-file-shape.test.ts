import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyIis, previewIis } from '../../../app/configure/iis-configure';
import { fixture, labSettings } from '../configure/helpers';

/** applicationHost.config as IIS writes it on Windows: UTF-8 with a byte order mark, CRLF line ends. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const windowsShaped = Buffer.concat([BOM, Buffer.from(fixture('seg-installed.config').replace(/\r?\n/g, '\r\n'), 'utf8')]);

let folder: string;
let config: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'seg-iis-shape-'));
  config = join(folder, 'applicationHost.config');
});

afterEach(() => rmSync(folder, { recursive: true, force: true }));

const request = () => ({ role: 'seg' as const, configPath: config, settings: labSettings() });

async function apply(): Promise<Buffer> {
  const preview = await previewIis(request());
  if (!preview.ok) throw new Error(preview.error.message);
  const applied = await applyIis({ ...request(), expectedSha256: preview.value.plan.sourceSha256 });
  if (!applied.ok) throw new Error(applied.error.message);
  expect(applied.value.changed).toBe(true);
  return readFileSync(config);
}

describe('configure keeps the file as Windows wrote it', () => {
  it('keeps the UTF-8 byte order mark and CRLF line ends, adding no bare LF', async () => {
    writeFileSync(config, windowsShaped);
    const written = await apply();
    expect(written.subarray(0, 3).equals(BOM)).toBe(true);
    const text = written.subarray(3).toString('utf8');
    expect(text).not.toContain('\uFEFF');
    expect(text).toMatch(/<location path="Default Web Site\/Microsoft-Server-ActiveSync">\r\n/);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps a file without a byte order mark without one', async () => {
    writeFileSync(config, windowsShaped.subarray(3));
    const written = await apply();
    expect(written.subarray(0, 3).equals(BOM)).toBe(false);
    expect(written.toString('utf8').startsWith('<?xml') || written.toString('utf8').startsWith('<')).toBe(true);
  });

  it.each([
    ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture('seg-installed.config'), 'utf16le')])],
    ['UTF-16 BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(fixture('seg-installed.config'), 'utf16le').swap16()])],
  ])('refuses a %s copy, naming the encoding and what to do, and writes nothing', async (_name, bytes) => {
    writeFileSync(config, bytes);
    const preview = await previewIis(request());
    expect(!preview.ok && preview.error.code).toBe('iis.config-encoding');
    expect(!preview.ok && preview.error.message).toBe(`${config} is UTF-16 text; IIS writes applicationHost.config as UTF-8.`);
    expect(!preview.ok && preview.error.remedy).toMatch(/UTF-8/);
    expect(readFileSync(config).equals(bytes)).toBe(true);
  });
});
