import { resolve } from 'node:path';
import { settingsDirOf } from '../config/settings-path';
import { parseArgs } from 'node:util';
import { readSettingsFile } from '../config/settings-store';
import { consoleChecklists } from '../configure/console-checklists';
import { generateScripts } from '../configure/generate-scripts';
import { applyIis, previewIis, undoIis } from '../configure/iis-configure';
import type { IisPreview, ServerRole } from '../contract/iis';
import { SERVER_ROLES, type IisPlanOptions } from '../iis/iis-options';
import { writeScriptSet } from '../configure/write-scripts';
import { describeSetting } from '../iis/setting';
import type { ScriptOptions } from '../scripts/context';
import { EXIT, fail, type CliIo, type ExitCode } from './io';

export const CONFIGURE_USAGE = `seg-setup configure --config settings.json --iis-config PATH [--dry-run] [--scripts DIR]

  --config F           the settings file (the wizard's format)
  --iis-config PATH    applicationHost.config of the server (or a copy): the plan is
                       shown as a diff and, without --dry-run, applied (backup first,
                       atomic write, rolled back on failure)
  --server ROLE        whose file it is: seg (default), exchange or ca
  --dry-run            show the plan, the diff and the appcmd commands; write nothing
  --undo BACKUP        put a backup made by an earlier apply back (needs --iis-config)
  --scripts DIR        write the scripts for AD, CA, Exchange and the SEG, and the
                       console checklists (README.txt), into DIR
  --site NAME          IIS site (default "Default Web Site")
  --app-pool NAME      the SEG's application pool, when the file does not name it
  --client-certs MODE  require (default) or accept (when other authentication is allowed)
  --replace            replace files of the same name in DIR (without it, a file with
                       other content stops the write, and nothing is written)
  --ca-web-host HOST   host name of the CA's web server, for the HTTP CDP/AIA script
                       (default: the host of an http:// CDP or AIA URL of the
                       device or intermediate certificate)
  --netbios-domain N   NetBIOS name of the domain (default: the realm's first label)
  --seg-public-host H  the SEG's public name, for the EAS profile checklist
  --json               print the outcome as JSON
`;

function renderPreview(preview: IisPreview, path: string): string {
  const out = [`Plan for ${preview.plan.server.toUpperCase()} (${path}):`];
  for (const item of preview.plan.items) {
    out.push(
      `  ${item.state === 'done' ? 'ok    ' : 'change'}  ${item.title}`,
      `          ${describeSetting(item.setting)}: now ${item.current} (${item.currentSource})`,
      `          guide: ${item.guideStep}`,
    );
  }
  for (const b of preview.plan.blocked) out.push(`  cannot  ${b.title}: ${b.reason}`);
  out.push('', preview.diff === '' ? 'No change: the file already holds every item.' : preview.diff);
  if (preview.appcmd.length > 0) out.push('On the Windows server itself, the same with appcmd:', ...preview.appcmd.map((line) => `  ${line}`), '');
  return out.join('\n');
}

/**
 * `seg-setup configure`: the IIS plan of one server (preview, apply, undo) and the scripts.
 * Exit 0 when done (or nothing to do), 2 for bad input or a file that could not be written.
 */
export async function runConfigure(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        'iis-config': { type: 'string' },
        server: { type: 'string', default: 'seg' },
        'dry-run': { type: 'boolean', default: false },
        undo: { type: 'string' },
        scripts: { type: 'string' },
        site: { type: 'string' },
        'app-pool': { type: 'string' },
        'client-certs': { type: 'string' },
        'ca-web-host': { type: 'string' },
        'netbios-domain': { type: 'string' },
        'seg-public-host': { type: 'string' },
        replace: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(io, { code: 'cli.usage', message: (error as Error).message, remedy: `Usage: ${CONFIGURE_USAGE.split('\n')[0]}` }, argv.includes('--json'));
  }
  if (values.help) {
    io.stdout.write(CONFIGURE_USAGE);
    return EXIT.ok;
  }
  const json = values.json;
  const usage = (message: string) => fail(io, { code: 'cli.usage', message, remedy: `Usage: ${CONFIGURE_USAGE.split('\n')[0]}` }, json);
  if (!values.config) return usage('configure needs --config settings.json');
  if (!values['iis-config'] && !values.scripts) return usage('configure needs --iis-config PATH, --scripts DIR, or both');
  if (values.undo && !values['iis-config']) return usage('--undo needs --iis-config, the file to restore');
  const role = values.server as ServerRole;
  if (!SERVER_ROLES.includes(role)) return usage(`--server must be one of ${SERVER_ROLES.join(', ')}`);
  const clientCertificates = values['client-certs'] ?? 'require';
  if (clientCertificates !== 'require' && clientCertificates !== 'accept') return usage('--client-certs must be require or accept');

  const configPath = resolve(io.cwd, values.config);
  const loaded = await readSettingsFile(configPath);
  if (!loaded.ok) return fail(io, loaded.error, json);
  const settings = loaded.value;
  const iisOptions: Partial<IisPlanOptions> = {
    clientCertificates,
    ...(values.site ? { siteName: values.site } : {}),
    ...(values['app-pool'] ? { segAppPool: values['app-pool'] } : {}),
  };
  const output: Record<string, unknown> = {};
  const text: string[] = [];

  if (values['iis-config']) {
    const iisPath = resolve(io.cwd, values['iis-config']);
    if (values.undo) {
      const undone = await undoIis(iisPath, resolve(io.cwd, values.undo));
      if (!undone.ok) return fail(io, undone.error, json);
      output.undo = undone.value;
      text.push(`Restored ${iisPath} from ${undone.value.restoredFrom}.`, `What it replaced is kept at ${undone.value.backupOfReplaced}.`);
    } else {
      const request = { role, configPath: iisPath, settings, options: iisOptions };
      const preview = await previewIis(request);
      if (!preview.ok) return fail(io, preview.error, json);
      output.plan = preview.value.plan;
      output.diff = preview.value.diff;
      output.appcmd = preview.value.appcmd;
      text.push(renderPreview(preview.value, iisPath));
      if (!values['dry-run']) {
        const applied = await applyIis({ ...request, expectedSha256: preview.value.plan.sourceSha256 });
        if (!applied.ok) return fail(io, applied.error, json);
        output.applied = { changed: applied.value.changed, backupPath: applied.value.backupPath };
        text.push(applied.value.changed ? `Applied. Backup of the original: ${applied.value.backupPath}` : 'Nothing written: no change was needed.');
      }
    }
  }

  if (values.scripts) {
    const scriptOptions: Partial<ScriptOptions> = {
      ...(values['ca-web-host'] ? { caWebHost: values['ca-web-host'] } : {}),
      ...(values['netbios-domain'] ? { netbiosDomain: values['netbios-domain'] } : {}),
    };
    const plan = output.plan as IisPreview['plan'] | undefined;
    const set = await generateScripts({
      settings,
      baseDir: settingsDirOf(configPath),
      options: scriptOptions,
      iisOptions,
      ...(plan && !values.undo ? { iisPlans: { [role]: plan } } : {}),
    });
    const checklists = consoleChecklists(settings, values['seg-public-host']);
    const dir = resolve(io.cwd, values.scripts);
    const written = await writeScriptSet(dir, set, checklists, values.replace);
    if (!written.ok) return fail(io, written.error, json);
    output.scripts = { dir, files: written.value, refused: set.refused };
    text.push(`Wrote ${written.value.length} files to ${dir} (see README.txt there).`, ...set.refused.map((r) => `  not generated: ${r.title}: ${r.reason}`));
  }

  io.stdout.write(json ? `${JSON.stringify(output, null, 2)}\n` : `${text.join('\n')}\n`);
  return EXIT.ok;
}
