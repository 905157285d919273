import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { settingsDirOf } from '../config/settings-path';
import { parseArgs } from 'node:util';
import { exportBundle } from '../bundle/export-bundle';
import { scriptsForBundle } from '../bundle/bundle-scripts';
import { encode } from '../scripts/script';
import { importBundle, type ImportedBundle } from '../bundle/import-bundle';
import { MAX_BUNDLE_BYTES } from '../bundle/format';
import { readCapped } from '../files/read-capped';
import { SECRET_ENV, Secret, type SecretName } from '../config/secrets';
import { readSettingsFile, writeFileAtomic } from '../config/settings-store';
import type { CoreError } from '../contract/result';
import { printable } from '../contract/control-characters';
import { EXIT, fail, readAll, type CliIo, type ExitCode } from './io';
import { secretsFromEnv } from './secrets-input';

export const BUNDLE_USAGE = `seg-setup bundle export --config settings.json --out site.segkcd [--report report.json] [--passphrase-stdin]
seg-setup bundle import site.segkcd [--out DIR] [--force] [--passphrase-stdin]

export: one file with the settings, the public certificates, the generated scripts and the last report
        (--report, the output of verify --json). Secrets are left out, unless a passphrase
        is given on standard input: then SEG_UEM_PASSWORD, SEG_KCD_PASSWORD,
        SEG_TEST_MAILBOX_PASSWORD (from the environment) and the tenant code are sealed
        under it, and the whole file is signed with it.
import: proves the file whole, then writes settings.json (and scripts/, generated here from
        those settings, report.json, and secrets.env when the passphrase opened secrets) into
        --out (default: here); settings.json and secrets.env readable by you only (0600).
        Existing files are kept unless --force. With --passphrase-stdin
        an unprotected bundle is refused; without, it is imported with a warning.
`;

/** settings.json carries the tenant code (an API key) once a passphrase opened it; secrets.env the passwords. */
const PRIVATE_FILES = new Set(['settings.json', 'secrets.env']);

async function readPassphrase(io: CliIo): Promise<Secret> {
  const text = await readAll(io.stdin, 64 * 1024);
  return new Secret(text.split(/\r?\n/)[0] ?? '');
}

function usage(io: CliIo, message: string): ExitCode {
  return fail(io, { code: 'cli.usage', message, remedy: BUNDLE_USAGE.split('\n').slice(0, 2).join(' | ') }, false);
}

async function runExport(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { config: { type: 'string' }, out: { type: 'string' }, report: { type: 'string' }, 'passphrase-stdin': { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  if (!values.config || !values.out) return usage(io, 'bundle export needs --config and --out');
  const configPath = resolve(io.cwd, values.config);
  const settings = await readSettingsFile(configPath);
  if (!settings.ok) return fail(io, settings.error, false);
  let report: Record<string, unknown> | null = null;
  if (values.report) {
    try {
      report = JSON.parse(await readFile(resolve(io.cwd, values.report), 'utf8'));
    } catch (error) {
      return fail(
        io,
        {
          code: 'bundle.report-unreadable',
          message: `Cannot read the report ${values.report}: ${(error as Error).message}`,
          remedy: 'Give the file written by seg-setup verify --json.',
        },
        false,
      );
    }
  }
  const passphrase = values['passphrase-stdin'] ? await readPassphrase(io) : undefined;
  const exported = await exportBundle({
    settings: settings.value,
    baseDir: settingsDirOf(configPath),
    scripts: await scriptsForBundle(settings.value, settingsDirOf(configPath)),
    report,
    secrets: passphrase ? secretsFromEnv(io.env) : {},
    ...(passphrase ? { passphrase } : {}),
  });
  if (!exported.ok) return fail(io, exported.error, false);
  const out = resolve(io.cwd, values.out);
  await writeFileAtomic(out, exported.value.text);
  io.stdout.write(
    `Wrote ${out}: settings, ${exported.value.certificates} certificate(s)${report ? ', the report' : ''}; ` +
      `${exported.value.secretsIncluded ? 'secrets sealed under the passphrase, file signed with it' : 'no secrets (give a passphrase on standard input to carry them)'}.\n`,
  );
  return EXIT.ok;
}

function summary(bundle: ImportedBundle): string {
  const s = bundle.settings;
  const lines = [
    `Bundle from ${bundle.createdBy}, exported ${bundle.createdAt}`,
    `  integrity:    ${bundle.integrity === 'authenticated' ? 'signed with the passphrase: unchanged since export' : 'SHA-256 digest matches (detects damage; without a passphrase it cannot prove who made it)'}`,
    `  KCD:          ${s.kcd.targetSpn} via ${s.kcd.serviceAccount} in ${s.kcd.domains.map((d) => `${d.realm} (DC ${d.dcHost})`).join(', ') || 'no domain'}`,
    `  email server: ${s.email.host}:${s.email.port}`,
    ...bundle.certificates.map((c) => `  certificate:  ${c.role.padEnd(12)} ${c.summary.subject}`),
    `  scripts:      ${bundle.scripts.length}, generated here from these settings (the bundle's copies are not written)`,
    `  report:       ${bundle.report ? 'yes' : 'no'}`,
    `  secrets:      ${
      Object.keys(bundle.secrets).length === 0
        ? 'none'
        : Object.keys(bundle.secrets)
            .map((n) => SECRET_ENV[n as SecretName])
            .join(', ')
    }`,
  ];
  return `${lines.map(printable).join('\n')}\n`;
}

/** On stderr, so that it is seen even when the summary is piped away. */
function warnings(bundle: ImportedBundle): string {
  const out: string[] = [];
  if (bundle.integrity === 'digest-only') {
    out.push(
      'WARNING: this bundle is not protected by a passphrase: nothing vouches for who made it or that it is unchanged since export. Check its settings before you use them.',
    );
  }
  return out.map((line) => `${line}\n`).join('');
}

async function runImport(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: { out: { type: 'string' }, force: { type: 'boolean', default: false }, 'passphrase-stdin': { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  if (positionals.length !== 1) return usage(io, 'bundle import needs exactly one file');
  const file = resolve(io.cwd, positionals[0] as string);
  let bytes: Buffer | null;
  try {
    bytes = readCapped(file, MAX_BUNDLE_BYTES);
  } catch (error) {
    return fail(
      io,
      { code: 'bundle.unreadable', message: `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, remedy: 'Check the path.' },
      false,
    );
  }
  if (bytes === null)
    return fail(
      io,
      {
        code: 'bundle.too-large',
        message: `${file} is larger than a bundle can be (${MAX_BUNDLE_BYTES} bytes)`,
        remedy: 'Check that this is the .segkcd file that SEG KCD Setup exported.',
      },
      false,
    );
  const passphrase = values['passphrase-stdin'] ? await readPassphrase(io) : undefined;
  const imported = await importBundle(bytes, passphrase);
  if (!imported.ok) return fail(io, imported.error, false);
  const bundle = imported.value;

  const outDir = resolve(io.cwd, values.out ?? '.');
  const files = new Map<string, string | Buffer>([['settings.json', `${JSON.stringify(bundle.settings, null, 2)}\n`]]);
  if (bundle.report) files.set('report.json', `${JSON.stringify(bundle.report, null, 2)}\n`);
  for (const script of bundle.scripts) files.set(join('scripts', script.name), encode(script));
  for (const cert of bundle.scriptCertificates) files.set(join('scripts', cert.fileName), cert.content);
  const secretLines = Object.entries(bundle.secrets).map(([name, secret]) => `${SECRET_ENV[name as SecretName]}=${(secret as Secret).reveal()}`);
  if (secretLines.length > 0) files.set('secrets.env', `${secretLines.join('\n')}\n`);

  const existing = [...files.keys()].filter((name) => existsSync(join(outDir, name)));
  if (existing.length > 0 && !values.force) {
    const error: CoreError = {
      code: 'bundle.would-overwrite',
      message: `${outDir} already has ${existing.join(', ')}; nothing was written`,
      remedy: 'Import into an empty folder with --out DIR, or add --force to replace those files.',
    };
    io.stdout.write(summary(bundle));
    io.stderr.write(warnings(bundle));
    return fail(io, error, false);
  }
  io.stdout.write(summary(bundle));
  io.stderr.write(warnings(bundle));
  await mkdir(outDir, { recursive: true });
  for (const [name, content] of files) await writeFileAtomic(join(outDir, name), content, PRIVATE_FILES.has(name) ? 0o600 : 0o644);
  io.stdout.write(
    `Wrote ${[...files.keys()].join(', ')} to ${outDir}; ${[...files.keys()].filter((name) => PRIVATE_FILES.has(name)).join(' and ')} ${secretLines.length > 0 ? 'are' : 'is'} readable by you only (0600).\n` +
      `Next: seg-setup verify --config ${join(outDir, 'settings.json')}${secretLines.length > 0 ? ` --secrets-stdin < ${join(outDir, 'secrets.env')}  (delete secrets.env when done)` : '  (secrets from SEG_* environment variables)'}\n`,
  );
  return EXIT.ok;
}

export async function runBundle(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return runExport(rest, io);
  if (sub === 'import') return runImport(rest, io);
  if (sub === '--help' || sub === undefined) {
    io.stdout.write(BUNDLE_USAGE);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  return usage(io, `unknown bundle command "${sub}"`);
}
