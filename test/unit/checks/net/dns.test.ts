import { describe, expect, it } from 'vitest';
import { dnsCheck, type DnsFacts, type NameResolution } from '../../../../app/checks/net/dns';
import { recordedFacts } from '../../../support/facts';

const facts = (scenario: string) => recordedFacts<DnsFacts>(scenario, 'net.dns');

/** The recorded facts with the names at these indexes unresolved, as the resolver words it. */
function unresolved(f: DnsFacts, at: readonly number[], remedy: string | null = 'Add the name to the DNS server, or pin it in network.hosts.'): DnsFacts {
  const names = f.names.map((n, i): NameResolution =>
    at.includes(i) ? { name: n.name, role: n.role, resolved: false, message: `${n.name} does not resolve (ENOTFOUND)`, remedy } : n,
  );
  return { ...f, names };
}

describe('net.dns judge, from facts recorded in the lab', () => {
  it('passes against the healthy lab, one line per name with its address, source and role', () => {
    const outcome = dnsCheck.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toContain('sedc01.se.airwlab.com -> 127.0.41.1 (pinned in network.hosts, 0 ms) [domain controller of SE.AIRWLAB.COM]');
    expect(outcome.evidence?.join('\n')).toMatch(
      /pki\.se\.airwlab\.com -> .* \[CRL distribution point \(http:\/\/pki\.se\.airwlab\.com\/CertEnroll\/SE-SEDC01-CA\.crl\)\]/,
    );
  });

  it('fails naming the name that does not resolve, with Resolve-DnsName for it', () => {
    const outcome = dnsCheck.judge(unresolved(facts('healthy'), [1]));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.remedy).toBe('semail01.se.airwlab.com does not resolve. Add the name to the DNS server, or pin it in network.hosts.');
    expect(outcome.command).toBe('Resolve-DnsName -Name semail01.se.airwlab.com');
    expect(outcome.evidence).toContain('semail01.se.airwlab.com: semail01.se.airwlab.com does not resolve (ENOTFOUND) [Exchange (EAS) server]');
  });

  it('asks the configured DNS server (without its port) for every failed name, giving a shared remedy once', () => {
    const outcome = dnsCheck.judge({ ...unresolved(facts('healthy'), [0, 3]), dnsServer: '10.0.0.53:5353' });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.remedy).toBe('sedc01.se.airwlab.com, uem.se.airwlab.com do not resolve. Add the name to the DNS server, or pin it in network.hosts.');
    expect(outcome.command).toBe('Resolve-DnsName -Name sedc01.se.airwlab.com -Server 10.0.0.53\nResolve-DnsName -Name uem.se.airwlab.com -Server 10.0.0.53');
  });

  it('leaves out a resolver error without a remedy', () => {
    const outcome = dnsCheck.judge(unresolved(facts('healthy'), [2], null));
    expect(outcome.status === 'fail' && outcome.remedy).toBe('pki.se.airwlab.com does not resolve. ');
  });

  it('skips when the settings name no host yet', () => {
    expect(dnsCheck.judge({ dnsServer: '', names: [] })).toEqual({ status: 'skip', reason: 'No host names are set yet (KCD, Email server, UEM API steps)' });
  });
});
