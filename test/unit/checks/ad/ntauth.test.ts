import { describe, expect, it } from 'vitest';
import { ntauth, type NtAuthFacts } from '../../../../app/checks/ad/ntauth';
import { recordedFacts } from '../../../support/facts';
import { okFacts } from './ok-facts';

const facts = (scenario: string) => recordedFacts<NtAuthFacts>(scenario, 'ad.ntauth');
const STORE = 'CN=NTAuthCertificates,CN=Public Key Services,CN=Services,CN=Configuration,DC=se,DC=airwlab,DC=com';

describe('ad.ntauth judge, from facts recorded in the lab', () => {
  it('passes on the healthy lab: the issuing and the root CA are both in NTAuth', () => {
    const outcome = ntauth.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.[0]).toBe(`${STORE}: 2 certificate(s)`);
    expect(outcome.evidence).toContainEqual(expect.stringMatching(/^present: CN=SE-SEDC01-CA \(sha1 [0-9A-F]{40}\)$/));
    // The thumbprints shown are those of the CAs the Certificates step gives, found in the store.
    const inStore = outcome.evidence?.filter((line) => line.startsWith('  in NTAuth: sha1 ')).map((line) => line.slice(-40));
    expect(inStore).toHaveLength(2);
    for (const sha1 of inStore ?? []) expect(outcome.evidence).toContainEqual(expect.stringMatching(new RegExp(`^present: .* \\(sha1 ${sha1}\\)$`)));
  });

  it('fails when the issuing CA is missing, with the certutil line that publishes it', () => {
    const outcome = ntauth.judge(facts('caMissingFromNtauth'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContainEqual(expect.stringMatching(/^MISSING: CN=SE-SEDC01-CA \(sha1 [0-9A-F]{40}\)$/));
    expect(outcome.evidence).toContainEqual(expect.stringMatching(/^present: CN=SE Lab Root CA \(sha1 [0-9A-F]{40}\)$/));
    expect(outcome.remedy).toMatch(/^Publish CN=SE-SEDC01-CA to the NTAuth store \(guide, Error D\)/);
    expect(outcome.command).toBe('certutil -dspublish -f SE-SEDC01-CA.cer NTAuthCA');
  });

  it('fails when the NTAuth object is missing, publishing every CA', () => {
    const outcome = ntauth.judge({ ...okFacts(facts('healthy')), store: null });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence[0]).toBe(`${STORE}: object missing`);
    expect(outcome.remedy).toMatch(/^Publish CN=SE-SEDC01-CA and CN=SE Lab Root CA to the NTAuth store/);
    expect(outcome.command).toBe('certutil -dspublish -f SE-SEDC01-CA.cer NTAuthCA\ncertutil -dspublish -f SE_Lab_Root_CA.cer NTAuthCA');
  });

  it('matches by the certificate bytes: a CA renewed under the same name is missing', () => {
    const healthy = okFacts(facts('healthy'));
    const renewed = healthy.cas.map((c) => ({ ...c, der: `${c.der}00` }));
    expect(ntauth.judge({ ...healthy, cas: renewed }).status).toBe('fail');
  });

  it('names the export file from the common name, or ca.cer without one', () => {
    const healthy = okFacts(facts('healthy'));
    const [ca] = healthy.cas;
    if (ca === undefined) throw new Error('the lab records its CAs');
    const outcome = ntauth.judge({
      ...healthy,
      store: null,
      cas: [
        { ...ca, subject: 'O=Lab, CN=Issuing CA #2' },
        { ...ca, subject: 'O=Lab' },
      ],
    });
    expect(outcome).toMatchObject({ command: 'certutil -dspublish -f Issuing_CA_2.cer NTAuthCA\ncertutil -dspublish -f ca.cer NTAuthCA' });
  });

  it('skips when the Certificates step gives no CA', () => {
    expect(ntauth.judge({ read: 'no-ca' })).toEqual({ status: 'skip', reason: 'No CA certificate is given (certificates.roots, certificates.intermediates)' });
  });

  it('fails with the reason when the store could not be read', () => {
    expect(ntauth.judge({ read: 'failed', message: `Reading ${STORE} timed out` })).toMatchObject({ status: 'fail', evidence: [`Reading ${STORE} timed out`] });
  });
});
