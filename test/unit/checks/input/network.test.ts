import { describe, expect, it } from 'vitest';
import { network, type NetworkFacts } from '../../../../app/checks/input/network';
import { recordedFacts } from '../../../support/facts';

const healthy = recordedFacts<NetworkFacts>('healthy', 'input.network');

describe('input.network', () => {
  it('passes on the lab, one line per pinned name', () => {
    const outcome = network.judge(healthy);
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toEqual([
      ...Object.keys(healthy.hosts).map((name) => `network.hosts.${name}: valid`),
      'network.dnsServer: valid',
      'network.timeoutMs: valid',
    ]);
  });

  it('fails on a name pinned to something that is not an address', () => {
    const outcome = network.judge({ ...healthy, hosts: { 'sedc01.se.airwlab.com': 'sedc01' } });
    expect(outcome.evidence).toEqual([
      'network.hosts.sedc01.se.airwlab.com: The address pinned for sedc01.se.airwlab.com must be an IP address such as 10.1.2.3, not "sedc01"',
    ]);
  });

  it('fails on a pinned name that is not a host name', () => {
    const outcome = network.judge({ ...healthy, hosts: { 'https://sedc01': '127.0.0.1' } });
    expect(outcome.evidence).toEqual(['network.hosts.https://sedc01: The pinned name "https://sedc01" is a host name only, without "https://" or a path']);
  });

  it('fails on a DNS server that is not an address, and a timeout out of range', () => {
    const outcome = network.judge({ ...healthy, dnsServer: 'dns.example', timeoutMs: 50 });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual([
      'network.dnsServer: The DNS server must be an IP address such as 10.1.2.3, not "dns.example"',
      'network.timeoutMs: The network timeout must be a whole number of milliseconds from 100 to 120000, not 50',
    ]);
    expect(outcome.remedy).toMatch(/^In the settings file, "network": The DNS server .*; The network timeout .*\.$/);
  });
});
