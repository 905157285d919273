import { thumbprint } from '../../ldap/certificates';
import { readNtAuth } from '../../ldap/directory';
import { nativeArg } from '../../scripts/quote';
import { pkiInputs } from '../run/pki-inputs';
import type { CheckContext } from '../types';
import { adCheck } from './ad-check';
import { boundSession } from './directory-reads';
import { fromResult, type ReadFailure } from './read-failure';

/** A certificate as facts: its subject and its DER bytes in hex (NTAuth entries are matched by their bytes). */
export interface RecordedCa {
  readonly subject: string;
  readonly der: string;
}

export type NtAuthFacts =
  | ReadFailure
  /** The Certificates step gives no CA certificate: nothing to look for. */
  | { readonly read: 'no-ca' }
  | {
      readonly read: 'ok';
      /** The intermediates, then the roots, of the Certificates step (each once). */
      readonly cas: readonly RecordedCa[];
      readonly configurationNc: string;
      /** CN=NTAuthCertificates and its cACertificate values in hex; null when the object is missing. */
      readonly store: { readonly dn: string; readonly certificates: readonly string[] } | null;
    };

/** A file name for a CA certificate export, from its common name (`SE-SEDC01-CA.cer`). */
function certificateFileName(subject: string): string {
  const cn = /CN=([^,/]+)/i.exec(subject)?.[1]?.trim() ?? 'ca';
  return `${cn.replace(/[^A-Za-z0-9._-]+/g, '_')}.cer`;
}

const sha1 = (hex: string): string => thumbprint(Buffer.from(hex, 'hex'));

async function gather(ctx: CheckContext): Promise<NtAuthFacts> {
  const s = await boundSession(ctx);
  if (!s.ok) return s.failure;
  const inputs = await pkiInputs(ctx);
  const cas = [...inputs.intermediates, ...inputs.roots].filter((c, i, all) => all.findIndex((d) => d.der.equals(c.der)) === i);
  if (cas.length === 0) return { read: 'no-ca' };
  const { configurationNamingContext: configurationNc } = s.value.rootDse;
  const store = fromResult(await readNtAuth(s.value.connection, configurationNc));
  if (!store.ok) return store.failure;
  return {
    read: 'ok',
    cas: cas.map((c) => ({ subject: c.summary.subject, der: c.der.toString('hex') })),
    configurationNc,
    store: store.value === null ? null : { dn: store.value.dn, certificates: store.value.certificates.map((der) => der.toString('hex')) },
  };
}

export const ntauth = adCheck<NtAuthFacts>({
  id: 'ad.ntauth',
  title: 'Issuing and root CA certificates are in the NTAuth store',
  dependsOn: ['ad.bind', 'input.certificates'],
  gather,
  judge(facts) {
    if (facts.read === 'no-ca') return { status: 'skip', reason: 'No CA certificate is given (certificates.roots, certificates.intermediates)' };
    const { cas, store } = facts;
    const certs = store?.certificates ?? [];
    const evidence = [
      `${store?.dn ?? `CN=NTAuthCertificates,CN=Public Key Services,CN=Services,${facts.configurationNc}`}: ${store === null ? 'object missing' : `${certs.length} certificate(s)`}`,
      ...certs.map((der) => `  in NTAuth: sha1 ${sha1(der)}`),
    ];
    const missing = cas.filter((c) => !certs.includes(c.der));
    for (const c of cas) evidence.push(`${missing.includes(c) ? 'MISSING' : 'present'}: ${c.subject} (sha1 ${sha1(c.der)})`);
    if (missing.length === 0) return { status: 'pass', evidence };
    return {
      status: 'fail',
      evidence,
      remedy: `Publish ${missing.map((c) => c.subject).join(' and ')} to the NTAuth store (guide, Error D): a domain controller maps a certificate to a user only when its issuing CA is in NTAuth. The comparison is by certificate, so a CA renewed with a new key must be published again.`,
      command: missing.map((c) => `certutil -dspublish -f ${nativeArg(certificateFileName(c.subject))} NTAuthCA`).join('\n'),
    };
  },
});
