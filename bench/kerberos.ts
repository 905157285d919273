/**
 * S4U2Self + S4U2Proxy + one authenticated EAS request: ours against MIT `kvno -U … -P …`
 * followed by `curl --negotiate`, on the same running lab (`npm run lab -- up`).
 *
 *   npx tsx bench/kerberos.ts [--dir DIR] [--runs N]
 *
 * Both sides start from a service-account TGT obtained before timing (kinit / our AS
 * exchange). MIT gets a fresh copy of its TGT cache every run, so it cannot reuse a cached
 * S4U2Self ticket (lab-notes). Prints median and mean per side and the ratio ours / MIT.
 */
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Secret } from '../app/config/secrets';
import { getTgt } from '../app/kerberos/client/as-exchange';
import { s4u2proxy, s4u2self, userFromUpn } from '../app/kerberos/client/s4u';
import { servicePrincipal } from '../app/kerberos/messages/principal';
import { negotiateRequest } from '../app/kerberos/spnego/http';
import { isLabRunning, readLabInfo } from '../test/lab/lab';
import { cleanupScratch, http, kinit, kvnoS4U, scratch } from '../test/lab/tools';
import { reportRow } from './table-lib';

const { values } = parseArgs({ options: { dir: { type: 'string' }, runs: { type: 'string' } } });
const dir = values.dir ?? process.env.SEG_LAB_DIR ?? '/var/tmp/seg-kcd-lab';
const runs = Number(values.runs ?? 20);

function stats(ms: number[]): { median: number; mean: number } {
  const s = [...ms].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  return { median, mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}

async function main(): Promise<number> {
  const lab = await readLabInfo(dir);
  if (!lab || !isLabRunning(lab)) {
    console.error(`No running lab in ${dir}: start one with \`npm run lab -- up\` (or pass --dir).`);
    return 2;
  }
  const spn = lab.kerberos.targetSpnFqdn;
  const upn = lab.accounts.users.alice.upn;
  const tmp = await scratch();
  try {
    const kdc = { host: lab.dc.fqdn, address: lab.dc.address, port: 88 };
    const as = await getTgt({
      kdc,
      realm: lab.names.realm,
      user: lab.accounts.service.name,
      password: new Secret(lab.accounts.service.password),
      timeoutMs: 10_000,
    });
    if (!as.ok) throw new Error(as.error.message);
    const ca = await readFile(lab.pki.root.cert, 'utf8');
    const target = { host: lab.names.exchangeFqdn, address: lab.web.address, port: 443, tls: true, path: lab.web.easPath, method: 'GET', extraCa: [ca] };
    const pristine = join(tmp, 'svc-pristine.cc');
    if ((await kinit(lab, lab.accounts.service.name, lab.accounts.service.password, pristine)).code !== 0) throw new Error('kinit failed');

    const ours: number[] = [];
    const mit: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const self = await s4u2self({ tgt: as.value.credential, user: userFromUpn(upn, lab.names.realm), timeoutMs: 10_000 });
      if (!self.ok) throw new Error(self.error.message);
      const proxy = await s4u2proxy({ tgt: as.value.credential, evidence: self.value.credential, targetSpn: servicePrincipal(spn), timeoutMs: 10_000 });
      if (!proxy.ok) throw new Error(proxy.error.message);
      const res = await negotiateRequest(proxy.value.credential, target, { timeoutMs: 10_000 });
      if (!res.ok || res.value.status !== 200) throw new Error(`ours: ${res.ok ? res.value.status : res.error.message}`);
      ours.push(performance.now() - t0);

      const svc = join(tmp, `svc-${i}.cc`);
      const out = join(tmp, `alice-${i}.cc`);
      await copyFile(pristine, svc);
      const t1 = performance.now();
      const k = await kvnoS4U(lab, 'alice', spn, svc, out);
      if (k.code !== 0) throw new Error(`kvno: ${k.stderr}`);
      const c = await http(lab, lab.web.easHttpsUrl, { negotiateCcache: out });
      if (c.status !== 200) throw new Error(`curl: ${c.status} ${c.curl.stderr}`);
      mit.push(performance.now() - t1);
    }
    const o = stats(ours);
    const m = stats(mit);
    console.log(`S4U2Self + S4U2Proxy + one EAS request (HTTPS, Negotiate), ${runs} runs, lab ${lab.names.realm}`);
    console.log('side                               median ms   mean ms');
    console.log(`ours (app/kerberos)                ${o.median.toFixed(1).padStart(9)} ${o.mean.toFixed(1).padStart(9)}`);
    console.log(`MIT kvno -U -P && curl --negotiate ${m.median.toFixed(1).padStart(9)} ${m.mean.toFixed(1).padStart(9)}`);
    console.log(`ratio ours / MIT (median)          ${(o.median / m.median).toFixed(2).padStart(9)}x   (target <= 1.0x)`);
    return reportRow({
      measure: 'S4U2Self + S4U2Proxy + EAS request (in process)',
      ours: `${o.median.toFixed(0)} ms`,
      reference: `MIT kvno -U -P + curl: ${m.median.toFixed(0)} ms`,
      ratio: o.median / m.median,
      target: 1,
    })
      ? 0
      : 1;
  } finally {
    await cleanupScratch(tmp);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  },
);
