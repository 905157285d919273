import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { err, ok, type Result } from '../contract/result';
import { settingsSchema, type Settings } from '../contract/settings';
import { writeAtomically } from '../files/atomic-file';
import { readCapped } from '../files/read-capped';
import { describeSchemaIssues } from './schema-issues';

export const SETTINGS_FILE_NAME = 'settings.json';
const MAX_SETTINGS_BYTES = 8 * 1024 * 1024;

/** Writes a file so that a crash leaves the old or the new content, never a mix; creates its folder. */
export async function writeFileAtomic(path: string, content: string | Buffer, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeAtomically(path, content, undefined, mode);
}

/** Parses a settings document: JSON syntax and shape. Value rules are the input.* checks' job. */
export function parseSettings(text: string, source: string): Result<Settings> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return err(
      'settings.not-json',
      `${source} is not valid JSON: ${(error as Error).message}`,
      'Open the file in an editor and correct the JSON syntax, or save it again from the wizard.',
    );
  }
  if (typeof json === 'object' && json !== null && 'version' in json && typeof json.version === 'number' && json.version > 1) {
    return err(
      'settings.newer-version',
      `${source} has settings version ${json.version}; this tool reads version 1`,
      'Update SEG KCD Setup to a version that knows this settings file.',
    );
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) {
    return err(
      'settings.invalid',
      `${source} is not a SEG KCD Setup settings file: ${describeSchemaIssues(parsed.error.issues, '(document)', 5)}`,
      'Compare it with the settings file format in the README, or save it again from the wizard.',
    );
  }
  return ok(parsed.data);
}

export async function readSettingsFile(path: string): Promise<Result<Settings>> {
  let buffer: Buffer | null;
  try {
    buffer = readCapped(path, MAX_SETTINGS_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return err(
      'settings.unreadable',
      `Cannot read the settings file ${path}${code ? ` (${code})` : ''}`,
      code === 'ENOENT' ? 'Check the path; save the settings from the wizard or run `npm run lab -- env` to make one.' : 'Check the file permissions.',
    );
  }
  if (buffer === null)
    return err(
      'settings.too-large',
      `${path} is larger than ${MAX_SETTINGS_BYTES} bytes`,
      'A settings file is a few kilobytes: check that the right file was given.',
    );
  return parseSettings(buffer.toString('utf8'), path);
}

/** The wizard's settings, kept in the profile folder (Electron's userData, or the web host's). */
export class SettingsStore {
  readonly path: string;

  constructor(profileDir: string) {
    this.path = join(profileDir, SETTINGS_FILE_NAME);
  }

  async load(): Promise<Result<Settings | null>> {
    try {
      await readFile(this.path);
    } catch {
      return ok(null);
    }
    return readSettingsFile(this.path);
  }

  async save(settings: Settings): Promise<Result<{ path: string; savedAt: string }>> {
    try {
      await writeFileAtomic(this.path, `${JSON.stringify(settings, null, 2)}\n`);
    } catch (error) {
      return err(
        'settings.write-failed',
        `Cannot save the settings to ${this.path}: ${(error as Error).message}`,
        'Check that the profile folder is writable and the disk is not full.',
      );
    }
    return ok({ path: this.path, savedAt: new Date().toISOString() });
  }
}
