import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestPki, type TestPki } from '../fixtures/pki/openssl-pki';

export interface ChainFiles {
  readonly pki: TestPki;
  /** alice's key, certificate and the CA chain, as Windows exports "with all certificates in the path". */
  readonly pfx: string;
  readonly pfxPassword: string;
  /** The issuing and root CA certificates as DER PKCS#7 (.p7b), as a Windows CA hands out its chain. */
  readonly p7b: string;
  close(): void;
}

/** The two-tier test PKI (openssl CLI) and the container files people import its certificates from. */
export function makeChainFiles(): ChainFiles {
  const pki = makeTestPki({ baseUrl: 'http://127.0.0.1:9/CertEnroll', keyType: 'ec' });
  const pfxPassword = `pfx-${process.pid}-secret`;
  const pfx = join(pki.dir, 'alice.pfx');
  const p7b = join(pki.dir, 'chain.p7b');
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: pki.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  execFileSync('sh', ['-c', 'cat issuing.pem root.pem > chain.pem'], { cwd: pki.dir });
  openssl(['pkcs12', '-export', '-inkey', 'alice.key', '-in', 'alice.pem', '-certfile', 'chain.pem', '-passout', `pass:${pfxPassword}`, '-out', pfx]);
  openssl(['crl2pkcs7', '-nocrl', '-certfile', 'chain.pem', '-outform', 'DER', '-out', p7b]);
  return { pki, pfx, pfxPassword, p7b, close: () => rmSync(pki.dir, { recursive: true, force: true }) };
}
