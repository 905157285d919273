import { createHash } from 'node:crypto';
import { importBundle } from '../app/bundle/import-bundle';
import { exportBundle } from '../app/bundle/export-bundle';
import { emptySettings } from '../app/contract/settings';
import { makeTestPki } from '../test/fixtures/pki/openssl-pki';

/**
 * Issue 11: 10^5 mutations of a real bundle (a changed, inserted or deleted byte, or a cut),
 * none of which may import. A change that leaves the same JSON (whitespace between tokens, or an
 * escape inserted in a string, `\/` for `/`) does not change the content and is not counted.
 */
async function main(): Promise<void> {
  const COUNT = Number(process.env.BENCH_MUTATIONS ?? 100_000);
  const pki = makeTestPki({ baseUrl: 'http://pki.se.airwlab.com/CertEnroll', keyType: 'ec' });
  const settings = {
    ...emptySettings(),
    kcd: { targetSpn: 'HTTP/semail01', serviceAccount: 'aw_KCDsvc', domains: [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' }] },
    certificates: { roots: [pki.rootPem], intermediates: [pki.issuingPem], deviceCertificate: pki.devicePem },
  };
  const exported = await exportBundle({
    settings,
    baseDir: '/',
    scripts: [{ name: 'setspn.cmd', content: 'setspn -S HTTP/semail01 semail01', encoding: 'utf8' }],
    report: null,
    secrets: {},
  });
  if (!exported.ok) throw new Error(exported.error.message);
  const original = Buffer.from(exported.value.text);
  const content = JSON.stringify(JSON.parse(exported.value.text));
  const sameContent = (m: Buffer): boolean => {
    try {
      return JSON.stringify(JSON.parse(m.toString('utf8'))) === content;
    } catch {
      return false;
    }
  };

  let seed = 0x5eed;
  const random = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const whitespace = new Set([0x20, 0x0a, 0x0d, 0x09]);

  function mutate(): Buffer | null {
    const pos = random(original.length);
    switch (random(4)) {
      case 0: {
        const b = Buffer.from(original);
        const was = b[pos] as number;
        b[pos] = (was + 1 + random(255)) & 0xff;
        return whitespace.has(was) && whitespace.has(b[pos] as number) ? null : b;
      }
      case 1: {
        const byte = random(256);
        return whitespace.has(byte) ? null : Buffer.concat([original.subarray(0, pos), Buffer.from([byte]), original.subarray(pos)]);
      }
      case 2:
        return whitespace.has(original[pos] as number) ? null : Buffer.concat([original.subarray(0, pos), original.subarray(pos + 1)]);
      default:
        // Cutting off only the trailing newline leaves the same JSON.
        return original.subarray(pos).every((byte) => whitespace.has(byte)) ? null : original.subarray(0, pos);
    }
  }

  const codes = new Map<string, number>();
  let tried = 0;
  let accepted = 0;
  const started = performance.now();
  while (tried < COUNT) {
    const m = mutate();
    if (m === null || sameContent(m)) continue;
    tried++;
    const r = await importBundle(m);
    if (r.ok) {
      accepted++;
      process.stdout.write(`ACCEPTED mutation ${createHash('sha256').update(m).digest('hex').slice(0, 16)}\n`);
    } else codes.set(r.error.code, (codes.get(r.error.code) ?? 0) + 1);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log('| mutations | accepted | refused as | time | per second |');
  console.log('|---|---|---|---|---|');
  console.log(`| ${tried} | ${accepted} | ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')} | ${seconds.toFixed(1)} s | ${Math.round(tried / seconds)} |`);
  process.exit(accepted === 0 ? 0 : 1);
}

void main();
