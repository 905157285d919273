import { httpBaseOf, httpOnlyPublicationCommands } from './ca-commands';
import { Findings } from './findings';
import { chainOf } from './pki-run';
import { isLdap } from '../../pki/revocation';
import { pkiInputs } from '../run/pki-inputs';
import { defineCheck } from '../define';
import type { CheckContext } from '../types';
import { certFacts, type CertFacts } from './cert-facts';

export interface NoLdapUrlsFacts {
  /** The chain, or with an incomplete one every certificate that was given; empty without any. */
  readonly certificates: readonly CertFacts[];
}

async function gather(ctx: CheckContext): Promise<NoLdapUrlsFacts> {
  const chain = await chainOf(ctx);
  const inputs = await pkiInputs(ctx);
  // With an incomplete chain, still look at every certificate that was given.
  const certs = chain?.certificates ?? [...(inputs.device ? [inputs.device] : []), ...inputs.intermediates];
  return { certificates: certs.map(certFacts) };
}

const urlsOf = (cert: CertFacts) => [
  ...cert.cdp.map((u) => ['CDP', u] as const),
  ...cert.freshestCrl.map((u) => ['Freshest CRL', u] as const),
  ...cert.aia.caIssuers.map((u) => ['AIA', u] as const),
];

export const noLdapUrlsCheck = defineCheck<NoLdapUrlsFacts>({
  id: 'pki.no-ldap-urls',
  title: 'No LDAP CDP or AIA in the chain',
  dependsOn: ['input.certificates'],
  network: true,
  gather,
  judge({ certificates: certs }) {
    if (certs.length === 0) return { status: 'skip', reason: 'no readable certificate (see pki.device-cert)' };
    const f = new Findings();
    const command = httpOnlyPublicationCommands(
      httpBaseOf(
        certs
          .flatMap(urlsOf)
          .map(([, u]) => u)
          .filter((u) => !isLdap(u)),
      ),
    );
    for (const cert of certs) {
      const urls = urlsOf(cert);
      const ldap = urls.filter(([, u]) => isLdap(u));
      if (ldap.length === 0) {
        f.see(`${cert.subject}: ${urls.length === 0 ? 'no CDP or AIA' : urls.map(([k, u]) => `${k} ${u}`).join(', ')}`);
        continue;
      }
      for (const [kind, url] of ldap) {
        f.fail(
          `${cert.subject}: ${kind} ${url}`,
          'The SEG is not in the domain and cannot read LDAP URLs, so revocation checking fails. On the CA, publish CDP and AIA over HTTP only (guide: "Update CRL Distribution Point (CDP) and Authority Information Access (AIA) Extensions"), then re-issue the certificates: URLs are written into a certificate when it is issued, so existing ones keep the LDAP URLs. Run the commands elevated on the CA (in a .cmd file write each % as %%).',
          command,
        );
      }
    }
    return f.outcome();
  },
});
