import { describe, expect, it } from 'vitest';
import { easTls, type EasTlsFacts } from '../../../../app/checks/eas/tls';
import { recordedFacts } from '../../../support/facts';
import { recordedOutcome } from '../recorded-outcome';

const facts = (scenario: string) => recordedFacts<EasTlsFacts>(scenario, 'eas.tls');
const inspected = (scenario: string) => recordedOutcome<EasTlsFacts, 'inspected'>(scenario, 'eas.tls', 'inspected');

/** The healthy lab's inspection with some of its verdicts replaced. */
const healthyWith = (tls: Partial<Extract<EasTlsFacts, { outcome: 'inspected' }>['tls']>): EasTlsFacts => {
  const f = inspected('healthy');
  return { ...f, tls: { ...f.tls, ...tls } };
};

describe('eas.tls judge, from facts recorded in the lab', () => {
  it('passes with the chain shown, trusted and naming the host', () => {
    const outcome = easTls.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.slice(0, 4)).toEqual([
      'https://semail01.se.airwlab.com/Microsoft-Server-ActiveSync → 127.0.42.2 (from network.hosts)',
      'protocol: TLSv1.3',
      expect.stringMatching(/^certificate: CN=semail01\.se\.airwlab\.com \(issued by CN=SE-SEDC01-CA; valid \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)$/),
      expect.stringMatching(/^issuer 1: CN=SE-SEDC01-CA /),
    ]);
    expect(outcome.evidence?.at(-1)).toMatch(/^trusted through the Certificates step's roots, names semail01\.se\.airwlab\.com, expires in \d+ days$/);
  });

  it("fails on the DC's certificate at the email server's address as a name mismatch (Node's ERR_TLS_CERT_ALTNAME_INVALID), not as a chain error", () => {
    const outcome = easTls.judge(facts('easTlsWrongName'));
    expect(outcome).toEqual({
      status: 'fail',
      evidence: expect.arrayContaining([
        'names on the certificate: sedc01.se.airwlab.com, sedc01, 127.0.42.1',
        "name mismatch: Hostname/IP does not match certificate's altnames: Host: semail01.se.airwlab.com. is not in the cert's altnames: DNS:sedc01.se.airwlab.com, DNS:sedc01, IP Address:127.0.42.1",
      ]),
      remedy:
        'The SEG connects to "semail01.se.airwlab.com", but the certificate does not name it: it names sedc01.se.airwlab.com, sedc01, 127.0.42.1. Either set email.host to a name the certificate carries, or issue Exchange a certificate whose subjectAltName includes semail01.se.airwlab.com.',
    });
    expect(outcome.evidence?.join('\n')).not.toMatch(/not trusted|does not chain/);
  });

  it('a name mismatch reported only as the trust error still says which names the certificate carries', () => {
    const f = inspected('easTlsWrongName');
    const outcome = easTls.judge({ ...f, tls: { ...f.tls, nameError: null } });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringContaining('but the certificate does not name it: it names sedc01.se.airwlab.com, sedc01, 127.0.42.1.'),
    });
    expect(outcome.evidence).toContain('name mismatch: ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('a name mismatch on a certificate without subjectAltName says it names none', () => {
    const f = inspected('easTlsWrongName');
    const [leaf, ...rest] = f.tls.chain;
    const outcome = easTls.judge({ ...f, tls: { ...f.tls, chain: [{ ...leaf!, dnsNames: [] }, ...rest] } });
    expect(outcome).toMatchObject({ status: 'fail', remedy: expect.stringContaining('does not name it: it names none (it has no subjectAltName).') });
  });

  it('fails on an expired certificate asking to renew it', () => {
    const outcome = easTls.judge(healthyWith({ trustError: 'CERT_HAS_EXPIRED' }));
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: 'The certificate of semail01.se.airwlab.com has expired: renew it on Exchange and bind the new one to the site in IIS.',
    });
    expect(outcome.evidence).toContain('not trusted: CERT_HAS_EXPIRED');
  });

  it('fails on a trusted certificate that does not name the host', () => {
    const outcome = easTls.judge(healthyWith({ nameError: "Host: semail01.se.airwlab.com. is not in the cert's altnames" }));
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(
        /^The SEG connects to "semail01\.se\.airwlab\.com", but the certificate does not name it: it names semail01\.se\.airwlab\.com, /,
      ),
    });
    expect(outcome).not.toHaveProperty('command');
  });

  it('warns within 30 days of expiry', () => {
    const outcome = easTls.judge(healthyWith({ expiresInDays: 29 }));
    expect(outcome).toMatchObject({ status: 'warn', remedy: expect.stringMatching(/^Renew the certificate of semail01\.se\.airwlab\.com before it expires/) });
    expect(outcome.evidence?.at(-1)).toBe('expires in 29 days');
    expect(easTls.judge(healthyWith({ expiresInDays: 30 })).status).toBe('pass');
  });

  it('shows an unknown protocol and a leaf without subjectAltName', () => {
    const f = inspected('healthy');
    const [leaf, ...rest] = f.tls.chain;
    const outcome = easTls.judge({ ...f, tls: { ...f.tls, protocol: null, chain: [{ ...leaf!, dnsNames: [] }, ...rest] } });
    expect(outcome.evidence).toEqual(expect.arrayContaining(['protocol: unknown', 'names on the certificate: none (no subjectAltName)']));
  });

  it("fails with the handshake's error, or a default remedy", () => {
    const { target } = inspected('healthy');
    const noAnswer = { outcome: 'no-answer', target, message: 'TLS with semail01 failed: ECONNRESET' } as const;
    expect(easTls.judge(noAnswer)).toEqual({
      status: 'fail',
      evidence: ['https://semail01.se.airwlab.com/Microsoft-Server-ActiveSync → 127.0.42.2 (from network.hosts)', 'TLS with semail01 failed: ECONNRESET'],
      remedy: 'Check that the port serves HTTPS.',
    });
    expect(easTls.judge({ ...noAnswer, remedy: 'Nothing listens on port 443.' })).toMatchObject({ remedy: 'Nothing listens on port 443.' });
  });

  it("fails with the resolver's words when the email host does not resolve", () => {
    expect(easTls.judge({ outcome: 'unresolved', message: 'The email server semail01 cannot be resolved.' })).toEqual({
      status: 'fail',
      evidence: ['The email server semail01 cannot be resolved.'],
      remedy: 'Check the email server host name and network.hosts.',
    });
    expect(easTls.judge({ outcome: 'unresolved', message: 'm', remedy: 'Pin it.' })).toMatchObject({ remedy: 'Pin it.' });
  });
});
