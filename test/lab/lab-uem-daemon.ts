/**
 * Runs the UEM API fixture (uem-fixture.ts) as a background process of the lab, so that it
 * outlives `npm run lab -- up`. Started and stopped by PID from lab-uem.ts; reads its
 * configuration from the file named on the command line.
 */
import { readFileSync } from 'node:fs';
import { guideTenant, startUemFixture } from './uem-fixture';
import type { UemDaemonConfig } from './lab-uem';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: lab-uem-daemon.ts <config.json>');
  const config = JSON.parse(readFileSync(file, 'utf8')) as UemDaemonConfig;
  const { memConfigId: _id, ...tenant } = guideTenant(config.kcd, config.password);
  const fixture = await startUemFixture({
    ...tenant,
    address: config.address,
    port: config.port,
    // The leaf and the issuing CA, as a server should send them: clients hold only the root.
    tls: { cert: readFileSync(config.certFile, 'utf8') + readFileSync(config.issuingCaFile, 'utf8'), key: readFileSync(config.keyFile, 'utf8') },
  });
  process.stdout.write(`uem fixture listening on ${fixture.url}\n`);
  const stop = (): void => {
    void fixture.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
