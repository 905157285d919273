/**
 * The whole chain as processes, the way a person or a script meets it (issue 21, item 2):
 * `seg-setup verify --only eas.kcd-end-to-end` (AS, S4U2Self, S4U2Proxy, the ActiveSync
 * request, and every input it depends on) against MIT's `kinit; kvno -U … -P …; curl
 * --negotiate` on the same running lab, alternating, medians of 15. Target: at most 2x.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLabRunning, labSettings, readLabInfo } from '../test/lab/lab';
import { http, kinit, kvnoS4U } from '../test/lab/tools';
import { alternating, median, reportRow } from './table-lib';

const BIN = join(__dirname, '..', 'bin', 'seg-setup.js');
const ROUNDS = 15;
const dir = process.env.SEG_LAB_DIR ?? '/var/tmp/seg-kcd-lab';

async function main(): Promise<number> {
  const lab = await readLabInfo(dir);
  if (!lab || !isLabRunning(lab)) throw new Error(`no running lab in ${dir}: npm run lab -- up`);
  const tmp = await mkdtemp(join(tmpdir(), 'seg-bench-chain-'));
  try {
    const config = join(tmp, 'settings.json');
    await writeFile(config, JSON.stringify(labSettings(lab)));
    const env = { PATH: process.env.PATH ?? '', SEG_KCD_PASSWORD: lab.accounts.service.password };
    let round = 0;
    const t = await alternating(ROUNDS, {
      ours: () => {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, [BIN, 'verify', '--config', config, '--only', 'eas.kcd-end-to-end', '--json'], { env, encoding: 'utf8' });
        const ms = performance.now() - t0;
        const e2e =
          r.status === 0 ? (JSON.parse(r.stdout) as { checks: { id: string; status: string }[] }).checks.find((c) => c.id === 'eas.kcd-end-to-end') : undefined;
        if (e2e?.status !== 'pass') throw new Error(`seg-setup verify: exit ${r.status}, ${r.stderr.slice(0, 400)}`);
        return ms;
      },
      mit: async () => {
        round++;
        const svc = join(tmp, `svc-${round}.cc`);
        const user = join(tmp, `alice-${round}.cc`);
        const t0 = performance.now();
        const k = await kinit(lab, lab.accounts.service.name, lab.accounts.service.password, svc);
        const s = k.code === 0 ? await kvnoS4U(lab, 'alice', lab.kerberos.targetSpnFqdn, svc, user) : k;
        const c = s.code === 0 ? await http(lab, lab.web.easHttpsUrl, { negotiateCcache: user }) : undefined;
        const ms = performance.now() - t0;
        if (c?.status !== 200) throw new Error(`MIT chain failed: ${s.stderr || c?.status}`);
        return ms;
      },
    });
    const ours = median(t.ours);
    const mit = median(t.mit);
    console.log(
      `medians of ${ROUNDS} alternating runs: seg-setup verify --only eas.kcd-end-to-end ${ours.toFixed(0)} ms, MIT kinit + kvno -U -P + curl --negotiate ${mit.toFixed(0)} ms`,
    );
    return reportRow({
      measure: 'verify --only eas.kcd-end-to-end (process)',
      ours: `${ours.toFixed(0)} ms`,
      reference: `kinit; kvno -U; curl: ${mit.toFixed(0)} ms`,
      ratio: ours / mit,
      target: 2,
    })
      ? 0
      : 1;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

void main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  },
);
