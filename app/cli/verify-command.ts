import { resolve } from 'node:path';
import { settingsDirOf } from '../config/settings-path';
import { parseArgs } from 'node:util';
import { CHECK_FAMILIES, familiesNamed, loadFamilies } from '../checks/families';
import { runChecks } from '../checks/runner';
import { selectChecks } from '../checks/selection';
import type { CheckDefinition } from '../checks/types';
import { readSettingsFile } from '../config/settings-store';
import { timeoutProblem } from '../config/field-rules';
import { buildReport } from '../report/json-report';
import { reportFormatOf, saveReport } from '../report/save-report';
import { EXIT, fail, readAll, type CliIo, type ExitCode } from './io';
import { mergeSecrets, parseSecretsLines, secretsFromEnv } from './secrets-input';
import { paint, renderTable, statusLabel, type Style } from './table';

export const VERIFY_USAGE = `seg-setup verify --config settings.json [--only ID,ID] [--json] [--report out.html] [--timeout-ms N] [--secrets-stdin]

  --config F        the settings file (the wizard's format)
  --only IDS        comma-separated check ids or families, e.g. ad.*,krb.as
  --json            print the result as JSON on standard output
  --report F        also save the result: a self-contained HTML page (.html),
                    or the JSON document (.json)
  --timeout-ms N    time limit of each network step (overrides network.timeoutMs)
  --secrets-stdin   read NAME=value lines from standard input (SEG_UEM_PASSWORD,
                    SEG_KCD_PASSWORD, SEG_TEST_MAILBOX_PASSWORD); otherwise they
                    come from the environment, never from the command line
`;

/**
 * `catalogue` is for tests that run stand-in checks; by default only the families the
 * selection needs are loaded (a whole process pays for no code it does not run).
 */
export async function runVerify(argv: readonly string[], io: CliIo, catalogue?: readonly CheckDefinition[]): Promise<ExitCode> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        only: { type: 'string' },
        json: { type: 'boolean', default: false },
        report: { type: 'string' },
        'timeout-ms': { type: 'string' },
        'secrets-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const json = argv.includes('--json');
    return fail(io, { code: 'cli.usage', message: (error as Error).message, remedy: `Usage: ${VERIFY_USAGE.split('\n')[0]}` }, json);
  }
  if (values.help) {
    io.stdout.write(VERIFY_USAGE);
    return EXIT.ok;
  }
  const json = values.json;
  if (!values.config)
    return fail(
      io,
      {
        code: 'cli.usage',
        message: 'verify needs --config settings.json',
        remedy: 'Save the settings from the wizard, then run: seg-setup verify --config settings.json',
      },
      json,
    );

  const configPath = resolve(io.cwd, values.config);
  const loaded = await readSettingsFile(configPath);
  if (!loaded.ok) return fail(io, loaded.error, json);
  let settings = loaded.value;

  if (values['timeout-ms'] !== undefined) {
    const ms = Number(values['timeout-ms']);
    const problem = timeoutProblem(ms);
    if (problem) return fail(io, { code: 'cli.usage', message: `--timeout-ms: ${problem}` }, json);
    settings = { ...settings, network: { ...settings.network, timeoutMs: ms } };
  }

  if (values.report) {
    const format = reportFormatOf(values.report);
    if (!format.ok) return fail(io, format.error, json);
  }

  let secrets = secretsFromEnv(io.env);
  if (values['secrets-stdin']) {
    const parsed = parseSecretsLines(await readAll(io.stdin, 64 * 1024));
    if (!parsed.ok) return fail(io, parsed.error, json);
    secrets = mergeSecrets(secrets, parsed.value);
  }

  const only = values.only?.split(',');
  const checks = catalogue ?? (await loadFamilies(familiesNamed(only)));
  const selection = selectChecks(checks, only);
  if (!selection.ok) {
    return fail(
      io,
      {
        code: 'cli.unknown-check',
        message: `Unknown check id or family: ${selection.unknown.join(', ')}`,
        remedy: `Known families: ${CHECK_FAMILIES.map((f) => `${f}.*`).join(', ')}`,
      },
      json,
    );
  }

  const style: Style = { colour: Boolean(io.stdout.isTTY) && io.env.NO_COLOR === undefined };
  const progressStyle: Style = { colour: Boolean(io.stderr.isTTY) && io.env.NO_COLOR === undefined };
  const live = Boolean(io.stderr.isTTY);
  const startedAt = new Date();
  const results = await runChecks(selection.checks, {
    settings,
    secrets,
    baseDir: settingsDirOf(configPath),
    onEvent: (event) => {
      if (!live) return;
      if (event.type === 'check-started') io.stderr.write(`${paint(progressStyle, '36', ' ... ')} ${event.id}\n`);
      else io.stderr.write(`${statusLabel(event.result.status, progressStyle)}  ${event.result.id} (${event.result.durationMs} ms)\n`);
    },
  });
  const report = buildReport(settings, startedAt, results);
  io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : renderTable(results, style));
  if (values.report) {
    const saved = await saveReport(resolve(io.cwd, values.report), report, settingsDirOf(configPath));
    if (!saved.ok) return fail(io, saved.error, false);
    if (!json) io.stdout.write(`Report saved to ${saved.value}\n`);
  }
  return results.some((r) => r.status === 'fail') ? EXIT.checkFailed : EXIT.ok;
}
