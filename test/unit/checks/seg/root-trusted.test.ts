import { describe, expect, it } from 'vitest';
import { rootTrusted, type RootTrustedFacts } from '../../../../app/checks/seg/root-trusted';
import { recordedFacts } from '../../../support/facts';
import { guideSettings } from '../../../support/settings';

const facts = (c: string) => recordedFacts<RootTrustedFacts>(c, 'seg.root-trusted');

describe('seg.root-trusted, from facts gathered over copies of a SEG host', () => {
  it('fails on the SEG as installed, with certutil for the root and the intermediate', () => {
    const outcome = rootTrusted.judge(facts('segInstalled'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual([
      'DC=com, DC=airwlab, DC=se, CN=SE-ROOT-CA (9A9F013A5D48DD01ADFCBB23D7A1C37D1002A54D): not in the Local Computer Trusted Root store',
      'DC=com, DC=airwlab, DC=se, CN=SE-ISSUING-CA (CD34AF58604D8502D75064C704BFF135D8E05948): not in the Intermediate Certification Authorities store',
    ]);
    expect(outcome.remedy).toMatch(/Trusted Root Certification Authorities store \(guide: Install SEG, step 13; script seg-trust-ca\.cmd\)/);
    expect(outcome.command).toBe('certutil -addstore -f Root root.cer\ncertutil -addstore -f CA issuing.pem');
  });

  it('passes once both are in the SEG’s stores, naming the store', () => {
    expect(rootTrusted.judge(facts('segConfigured'))).toEqual({
      status: 'pass',
      evidence: [
        'DC=com, DC=airwlab, DC=se, CN=SE-ROOT-CA (9A9F013A5D48DD01ADFCBB23D7A1C37D1002A54D): in HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT',
        'DC=com, DC=airwlab, DC=se, CN=SE-ISSUING-CA (CD34AF58604D8502D75064C704BFF135D8E05948): in HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\CA',
      ],
    });
  });

  it('warns when the root is trusted but an intermediate is missing', () => {
    const configured = facts('segConfigured');
    if (configured.read !== 'ok') throw new Error('segConfigured records a readable export');
    const outcome = rootTrusted.judge({ ...configured, intermediates: configured.intermediates.map((cert) => ({ ...cert, store: null })) });
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.remedy).toMatch(/^Import the intermediate CA certificates/);
    expect(outcome.command).toBe('certutil -addstore -f CA issuing.pem');
  });

  it('fails on a missing export', () => {
    const outcome = rootTrusted.judge(facts('segDamaged'));
    expect(outcome.status === 'fail' && outcome.remedy).toMatch(/seg-collect\.cmd/);
  });

  it('does not apply without a registry export or a root certificate', () => {
    const s = guideSettings();
    expect(rootTrusted.applies?.(s)).toMatch(/seg\.registryExport/);
    const withExport = { ...s, seg: { ...s.seg, registryExport: 'seg.reg' } };
    expect(rootTrusted.applies?.(withExport)).toBeNull();
    expect(rootTrusted.applies?.({ ...withExport, certificates: { ...s.certificates, roots: [] } })).toBe('No root certificate is given (certificates.roots)');
  });
});
