import type { CheckDefinition } from '../types';
import { DEVICE_IDENTITY } from '../run/device-identity';
import { certLine, when } from '../../pki/describe';
import { Findings } from './findings';
import { OID } from '../../pki/oids';
import { pkiInputs } from '../run/pki-inputs';

const PROFILE_FIX =
  'Issue device certificates from a template whose Application Policies include Client Authentication, and in the UEM Credentials profile set the Subject Alternative Name to User Principal Name = {UserPrincipalName} and Email = {EmailAddress}; then use a newly issued certificate as the sample.';

export const deviceCertCheck: CheckDefinition = {
  id: 'pki.device-cert',
  title: 'Device certificate: validity, Client Authentication, UPN and e-mail',
  dependsOn: ['input.certificates'],
  async run(ctx) {
    const inputs = await pkiInputs(ctx);
    const problem = inputs.problems.find((p) => p.field === 'certificates.deviceCertificate');
    if (problem !== undefined) {
      return { status: 'fail', evidence: [problem.error.message], remedy: problem.error.remedy ?? 'Choose the device certificate file again in the Certificates step.' };
    }
    const device = inputs.device;
    if (device === null) {
      return { status: 'fail', evidence: ['certificates.deviceCertificate is empty'], remedy: 'Add a sample device certificate in the Certificates step (.cer, .pem or .pfx; its private key is not needed).' };
    }
    const s = device.summary;
    const f = new Findings();
    f.see(`certificate: ${certLine(device)}`);
    f.see(`issuer: ${s.issuer}`);
    const now = Date.now();
    const validity = `valid ${when(s.notBefore)} to ${when(s.notAfter)}`;
    if (Date.parse(s.notBefore) > now) f.fail(`${validity}: not valid yet`, 'Check this machine\'s clock, or wait until the certificate becomes valid.');
    else if (Date.parse(s.notAfter) <= now) f.fail(`${validity}: expired`, 'The certificate has expired: let UEM renew the device\'s certificate (Credentials profile) and use a current one as the sample.');
    else f.see(validity);
    if (s.isCa) f.fail('the certificate is a CA certificate (basicConstraints CA:TRUE), not a device certificate', 'Give the device\'s own certificate here and the CA certificates under roots and intermediates.');
    const eku = device.ekuOids;
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
    if (upn !== undefined) ctx.provide(DEVICE_IDENTITY, { upn, emails: s.san.email, subject: s.subject, serialNumber: s.serialNumber });
    return f.outcome();
  },
};
