import { DEVICE_IDENTITY } from '../run/device-identity';
import { certLine, when } from '../../pki/describe';
import { Findings } from './findings';
import { OID } from '../../pki/oids';
import { pkiInputs } from '../run/pki-inputs';
import { defineCheck } from '../define';
import type { CheckContext } from '../types';
import { certFacts, checkedAt, type CertFacts } from './cert-facts';

const PROFILE_FIX =
  'Issue device certificates from a template whose Application Policies include Client Authentication, and in the UEM Credentials profile set the Subject Alternative Name to User Principal Name = {UserPrincipalName} and Email = {EmailAddress}; then use a newly issued certificate as the sample.';

export type DeviceCertFacts =
  /** The settings name a device certificate that could not be read. */
  | { readonly kind: 'unreadable'; readonly message: string; readonly remedy: string | null }
  | { readonly kind: 'absent' }
  | { readonly kind: 'read'; readonly now: string; readonly certificate: CertFacts; readonly ekuOids: readonly string[] | null };

async function gather(ctx: CheckContext): Promise<DeviceCertFacts> {
  const inputs = await pkiInputs(ctx);
  const problem = inputs.problems.find((p) => p.field === 'certificates.deviceCertificate');
  if (problem !== undefined) return { kind: 'unreadable', message: problem.error.message, remedy: problem.error.remedy ?? null };
  const device = inputs.device;
  if (device === null) return { kind: 'absent' };
  const { san, subject, serialNumber } = device.summary;
  const upn = san.upn[0];
  if (upn !== undefined) ctx.provide(DEVICE_IDENTITY, { upn, emails: san.email, subject, serialNumber });
  return { kind: 'read', now: checkedAt(), certificate: certFacts(device), ekuOids: device.ekuOids };
}

export const deviceCertCheck = defineCheck<DeviceCertFacts>({
  id: 'pki.device-cert',
  title: 'Device certificate: validity, Client Authentication, UPN and e-mail',
  dependsOn: ['input.certificates'],
  gather,
  judge(facts) {
    if (facts.kind === 'unreadable') {
      return {
        status: 'fail',
        evidence: [facts.message],
        remedy: facts.remedy ?? 'Choose the device certificate file again (certificates.deviceCertificate).',
      };
    }
    if (facts.kind === 'absent') {
      return {
        status: 'fail',
        evidence: ['certificates.deviceCertificate is empty'],
        remedy: 'Add a sample device certificate in certificates.deviceCertificate (.cer, .pem or .pfx; its private key is not needed).',
      };
    }
    const s = facts.certificate;
    const f = new Findings();
    f.see(`certificate: ${certLine(s)}`);
    f.see(`issuer: ${s.issuer}`);
    const now = Date.parse(facts.now);
    const validity = `valid ${when(s.notBefore)} to ${when(s.notAfter)}`;
    if (Date.parse(s.notBefore) > now) f.fail(`${validity}: not valid yet`, "Check this machine's clock, or wait until the certificate becomes valid.");
    else if (Date.parse(s.notAfter) <= now)
      f.fail(
        `${validity}: expired`,
        "The certificate has expired: let UEM renew the device's certificate (Credentials profile) and use a current one as the sample.",
      );
    else f.see(validity);
    if (s.isCa)
      f.fail(
        'the certificate is a CA certificate (basicConstraints CA:TRUE), not a device certificate',
        "Give the device's own certificate here and the CA certificates under roots and intermediates.",
      );
    const eku = facts.ekuOids;
    if (eku === null) {
      f.warn('no Extended Key Usage extension: usable for any purpose, but not what a device template issues', PROFILE_FIX);
    } else if (eku.includes(OID.ekuClientAuth) || eku.includes(OID.ekuAny)) {
      f.see(`EKU: ${(s.eku ?? []).join(', ')}`);
    } else {
      f.fail(`EKU: ${(s.eku ?? []).join(', ') || '(empty)'}, without Client Authentication (${OID.ekuClientAuth})`, PROFILE_FIX);
    }
    const upn = s.san.upn[0];
    if (upn === undefined) f.fail(`SAN has no UPN (otherName ${OID.upn}): Kerberos cannot tell which user the device belongs to`, PROFILE_FIX);
    else f.see(`SAN UPN: ${s.san.upn.join(', ')} (the user S4U2Self impersonates)`);
    if (s.san.email.length === 0) f.warn('SAN has no e-mail (rfc822Name)', PROFILE_FIX);
    else f.see(`SAN e-mail: ${s.san.email.join(', ')}`);
    return f.outcome();
  },
});
