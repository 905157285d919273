/**
 * `npm run lab -- up | down | status | env [options]` — the lab for a person: start it and
 * leave it running in the background, point the wizard or the CLI at it, stop it.
 *
 *   up      build the lab (first time, or with --fresh) or restart a stopped one
 *   down    stop the servers by their recorded PIDs (--purge also deletes the folder)
 *   status  say whether it runs, where, and with which PIDs
 *   env     print a settings file (product.md format) for the running lab on stdout, and
 *           the export lines of its secrets on stderr
 *
 * Options for up: --dir DIR (default $SEG_LAB_DIR or /var/tmp/seg-kcd-lab), --realm,
 * --netbios, --dc-host, --exchange-host, --service-account, --dc-address, --web-address, --fresh.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SECRET_ENV } from '../../app/config/secrets';
import { startLab, restartLab, stopLab, destroyLab, readLabInfo, isLabRunning, labSettings, type LabInfo } from './lab';

const USAGE =
  'usage: npm run lab -- up|down|status|env [--dir DIR] [--fresh] [--purge] [--realm R] [--netbios N] [--dc-host H] [--exchange-host H] [--service-account A] [--dc-address 127.x.y.z] [--web-address 127.x.y.z]';

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function exportLines(info: LabInfo): string {
  return [
    `export ${SECRET_ENV.uemPassword}=${shellQuote(info.uem.password)}`,
    `export ${SECRET_ENV.kcdPassword}=${shellQuote(info.accounts.service.password)}`,
    `export ${SECRET_ENV.testMailboxPassword}=${shellQuote(info.accounts.users.alice.password)}`,
    `export KRB5_CONFIG=${shellQuote(info.kerberos.krb5Conf)}`,
    `export LDAPTLS_CACERT=${shellQuote(info.pki.chain)}`,
  ].join('\n');
}

function describeLab(info: LabInfo): string {
  const running = isLabRunning(info);
  return [
    `lab ${info.names.realm} in ${info.dir}: ${running ? 'running' : 'stopped'}`,
    `  DC      ${info.dc.fqdn} ${info.dc.address} (KDC 88, LDAP 389, LDAPS 636)${running ? `  samba PID ${info.pids.samba.pid}` : ''}`,
    `  EAS     ${info.web.easHttpsUrl} at ${info.web.address} (80/443)${running ? `  apache PID ${info.pids.apache.pid}` : ''}`,
    `  CDP/AIA ${info.pki.urls.issuingCrl}`,
    `  UEM API ${info.uem.url} at ${info.uem.address}${running ? `  PID ${info.pids.uem.pid}` : ''}`,
    `  target  ${info.kerberos.targetSpn} on ${info.accounts.exchange.name}; service account ${info.accounts.service.name}`,
    `  settings: ${join(info.dir, 'settings.json')}  (npm run lab -- env)`,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      purge: { type: 'boolean', default: false },
      realm: { type: 'string' },
      netbios: { type: 'string' },
      'dc-host': { type: 'string' },
      'exchange-host': { type: 'string' },
      'service-account': { type: 'string' },
      'dc-address': { type: 'string' },
      'web-address': { type: 'string' },
    },
  });
  const dir = values.dir ?? process.env.SEG_LAB_DIR ?? '/var/tmp/seg-kcd-lab';
  const command = positionals[0];
  const existing = await readLabInfo(dir);
  switch (command) {
    case 'up': {
      let info: LabInfo;
      if (existing && !values.fresh) {
        info = await restartLab(dir);
      } else {
        info = await startLab({
          dir,
          realm: values.realm,
          netbiosDomain: values.netbios,
          dcHost: values['dc-host'],
          exchangeHost: values['exchange-host'],
          serviceAccount: values['service-account'],
          dcAddress: values['dc-address'],
          webAddress: values['web-address'],
          log: (line) => process.stderr.write(`${line}\n`),
        });
      }
      await writeFile(join(dir, 'settings.json'), JSON.stringify(labSettings(info), null, 2) + '\n');
      process.stdout.write(`${describeLab(info)}\n`);
      return 0;
    }
    case 'down':
      if (!existing) {
        process.stdout.write(`no lab in ${dir}\n`);
        return 0;
      }
      if (values.purge) await destroyLab(existing);
      else await stopLab(existing);
      process.stdout.write(`lab in ${dir} ${values.purge ? 'stopped and deleted' : 'stopped'}\n`);
      return 0;
    case 'status':
      if (!existing) {
        process.stdout.write(`no lab in ${dir}\n`);
        return 3;
      }
      process.stdout.write(`${describeLab(existing)}\n`);
      return isLabRunning(existing) ? 0 : 3;
    case 'env':
      if (!existing || !isLabRunning(existing)) {
        process.stderr.write(`no running lab in ${dir}: npm run lab -- up\n`);
        return 1;
      }
      process.stdout.write(JSON.stringify(labSettings(existing), null, 2) + '\n');
      process.stderr.write(`# secrets of the lab (test-only passwords), for the CLI:\n${exportLines(existing)}\n`);
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
