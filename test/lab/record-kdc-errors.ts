/**
 * Records the lab KDC's own KRB-ERRORs as hex fixtures (test/fixtures/kerberos/*.hex) for the
 * decoder tests: the service account's AS exchange, run by our client through a relay that
 * keeps every reply, once per account-state scenario. The fixtures are real Samba bytes, so
 * the NTSTATUS tests do not rest on our own encoder.
 *
 *   SEG_LAB_DIR=/var/tmp/seg-kcd-lab npx tsx test/lab/record-kdc-errors.ts   # lab running (npm run lab -- up)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, Socket, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret } from '../../app/config/secrets';
import { getTgt } from '../../app/kerberos/client/as-exchange';
import { MSG_TYPE } from '../../app/kerberos/constants';
import { readLabInfo, type LabInfo } from './lab';
import { scenarios, withScenario, type Scenario } from './scenarios';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'kerberos');

/** A TCP relay to the KDC that keeps each reply record (without its 4-byte length prefix). */
async function relay(kdcAddress: string): Promise<{ port: number; replies: Uint8Array[]; close: () => void }> {
  const replies: Uint8Array[] = [];
  const server = createServer((client) => {
    const upstream = new Socket();
    const chunks: Buffer[] = [];
    upstream.connect(88, kdcAddress);
    client.pipe(upstream);
    upstream.on('data', (d: Buffer) => {
      chunks.push(d);
      client.write(d);
    });
    upstream.on('end', () => {
      const all = Buffer.concat(chunks);
      if (all.length > 4) replies.push(all.subarray(4));
      client.end();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, replies, close: () => server.close() };
}

async function lastKrbError(lab: LabInfo): Promise<{ replies: Uint8Array[]; code: string }> {
  const r = await relay(lab.dc.address);
  try {
    const as = await getTgt({
      kdc: { host: lab.dc.fqdn, address: '127.0.0.1', port: r.port },
      realm: lab.names.realm,
      user: lab.accounts.service.name,
      password: new Secret(lab.accounts.service.password),
      timeoutMs: 10_000,
    });
    return { replies: r.replies, code: as.ok ? 'ok' : as.error.code };
  } finally {
    r.close();
  }
}

const RECORDED: readonly [string, Scenario][] = [
  ['disabled', scenarios.serviceAccountDisabled],
  ['expired', scenarios.serviceAccountExpired],
  ['locked-out', scenarios.serviceAccountLocked],
  ['password-expired', scenarios.serviceAccountPasswordExpired],
  ['must-change-password', scenarios.serviceAccountMustChangePassword],
  ['wrong-password', scenarios.serviceAccountWrongPassword],
];

async function main(): Promise<void> {
  const lab = await readLabInfo(process.env.SEG_LAB_DIR ?? '/var/tmp/seg-kcd-lab');
  if (!lab) throw new Error('no lab in SEG_LAB_DIR: run npm run lab -- up first');
  await mkdir(OUT, { recursive: true });
  const normal = await lastKrbError(lab);
  // The first reply of a normal exchange: PREAUTH_REQUIRED with its METHOD-DATA.
  const preauth = normal.replies[0];
  if (preauth === undefined || preauth[0] !== 0x60 + MSG_TYPE.KRB_ERROR) throw new Error(`expected PREAUTH_REQUIRED first, got ${normal.code}`);
  await writeFile(join(OUT, 'samba-preauth-required.hex'), Buffer.from(preauth).toString('hex') + '\n');
  for (const [name, scenario] of RECORDED) {
    const got = await withScenario(lab, scenario, () => lastKrbError(lab));
    const last = got.replies.at(-1);
    if (last === undefined || last[0] !== 0x60 + MSG_TYPE.KRB_ERROR) throw new Error(`${name}: no KRB-ERROR recorded (${got.code})`);
    await writeFile(join(OUT, `samba-${name}.hex`), Buffer.from(last).toString('hex') + '\n');
    process.stdout.write(`${name}: ${got.code}, ${last.length} bytes\n`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
