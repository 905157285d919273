import { dirname, isAbsolute, resolve } from 'node:path';
import { inlineCertificates } from '../bundle/inline-certificates';
import { readSettingsFile, writeFileAtomic } from '../config/settings-store';
import { hostNameProblem, ipAddressProblem } from '../config/field-rules';
import { err, ok, type Result } from '../contract/result';
import { isInlinePem } from '../pki/settings-certificates';
import type { Settings } from '../contract/settings';

const mustBeAbsolute = (path: string): Result<string> =>
  isAbsolute(path)
    ? ok(path)
    : err(
        'settings-file.relative-path',
        `"${path}" is not a full path`,
        'Give the full path of the file, such as C:\\SEG\\settings.json or /home/admin/settings.json.',
      );

/** Certificate entries that are paths, made absolute against the settings file's folder. */
function anchorCertificatePaths(settings: Settings, folder: string): Settings {
  const anchor = (entry: string) => (entry === '' || isInlinePem(entry) ? entry : resolve(folder, entry));
  const c = settings.certificates;
  return {
    ...settings,
    certificates: { ...c, roots: c.roots.map(anchor), intermediates: c.intermediates.map(anchor), deviceCertificate: anchor(c.deviceCertificate) },
  };
}

/**
 * A settings file the CLI reads (or `npm run lab -- env` prints), opened in the wizard: its
 * certificate entries, which may be paths relative to the file, are brought in as PEM, so
 * the settings mean the same wherever the wizard keeps them. A certificate file that cannot
 * be read stays a path (made absolute) for the Certificates step and Verify to report.
 */
export async function openSettingsFile(path: string): Promise<Result<{ settings: Settings; path: string }>> {
  const absolute = mustBeAbsolute(path);
  if (!absolute.ok) return absolute;
  const read = await readSettingsFile(path);
  if (!read.ok) return read;
  const inlined = await inlineCertificates(read.value, dirname(path));
  return ok({ settings: inlined.ok ? inlined.value.settings : anchorCertificatePaths(read.value, dirname(path)), path });
}

/** The settings written where the person chose, as the CLI's --config reads them. */
export async function saveSettingsAs(settings: Settings, path: string): Promise<Result<{ path: string; savedAt: string }>> {
  const absolute = mustBeAbsolute(path);
  if (!absolute.ok) return absolute;
  try {
    await writeFileAtomic(path, `${JSON.stringify(settings, null, 2)}\n`);
  } catch (error) {
    return err('settings-file.write-failed', `Cannot save the settings to ${path}: ${(error as Error).message}`, 'Choose a folder you can write to.');
  }
  return ok({ path, savedAt: new Date().toISOString() });
}

/**
 * Host pins pasted as lines of "name address" (the order of a hosts file's "address name" is
 * taken too); blank lines and # comments are skipped. One bad line refuses the whole paste,
 * naming the line, so nothing half-pasted is kept.
 */
export function parseHostPins(text: string): Result<Record<string, string>> {
  const hosts: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const words = line.split(/\s+/);
    const [first = '', second = ''] = words;
    const [name, address] = ipAddressProblem(first, '') === null ? [second, first] : [first, second];
    const problem =
      words.length !== 2
        ? 'give a name and an address, separated by a space'
        : (hostNameProblem(name, `The name "${name}"`) ?? ipAddressProblem(address, `The address of ${name}`));
    if (problem !== null) {
      return err(
        'hosts.bad-line',
        `Line ${index + 1} ("${line.slice(0, 80)}"): ${problem}.`,
        'Write one pin a line, such as "sedc01.se.airwlab.com 10.1.2.3".',
      );
    }
    hosts[name.toLowerCase()] = address;
  }
  if (Object.keys(hosts).length === 0)
    return err('hosts.empty', 'No pins were found in the text.', 'Write one pin a line, such as "sedc01.se.airwlab.com 10.1.2.3".');
  return ok(hosts);
}
