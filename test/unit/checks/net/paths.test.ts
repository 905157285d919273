import { describe, expect, it } from 'vitest';
import { pathsCheck, type PathProbe, type PathsFacts } from '../../../../app/checks/net/paths';
import { recordedFacts } from '../../../support/facts';

const facts = (scenario: string) => recordedFacts<PathsFacts>(scenario, 'net.paths');
const probe = (f: PathsFacts, port: number, transport: 'TCP' | 'UDP'): PathProbe => {
  const found = f.probes.find((p) => p.row.port === port && p.row.transport === transport);
  if (found === undefined) throw new Error(`no ${transport} ${port} row recorded`);
  return found;
};
/** The recorded facts with one row's probe replaced. */
const replaced = (f: PathsFacts, by: PathProbe): PathsFacts => ({
  probes: f.probes.map((p) => (p.row === probe(f, by.row.port, by.row.transport).row ? by : p)),
});

describe('net.paths judge, from facts recorded in the lab', () => {
  it('passes against the healthy lab: the rows of Table 1-1, UDP 88 answered by the KDC', () => {
    const outcome = pathsCheck.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toHaveLength(7);
    expect(outcome.evidence?.join('\n')).toMatch(
      /^DC Kerberos {12}UDP sedc01\.se\.airwlab\.com:88 \(127\.0\.41\.1\): open, the KDC answered KDC_ERR_PREAUTH_REQUIRED in \d+ ms$/m,
    );
    expect(outcome.evidence?.join('\n')).toMatch(/^DC LDAPS {15}TCP sedc01\.se\.airwlab\.com:636 \(127\.0\.41\.1\): open in \d+ ms$/m);
  });

  it('fails when the DC is stopped: refused TCP paths, UDP 88 timing out, Test-NetConnection for each', () => {
    const outcome = pathsCheck.judge(facts('dcStopped'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.remedy).toMatch(
      /^Open these paths from the SEG \(guide, Table 1-1\): TCP 88 to sedc01\.se\.airwlab\.com \(refused\), UDP 88 to sedc01\.se\.airwlab\.com \(filtered\/timeout\), TCP 389 .*\(refused\), TCP 636 .*\(refused\)\. "refused" means/,
    );
    expect(outcome.command?.split('\n')).toEqual([88, 88, 389, 636].map((port) => `Test-NetConnection -ComputerName sedc01.se.airwlab.com -Port ${port}`));
    expect(outcome.evidence.join('\n')).toMatch(/UDP sedc01\.se\.airwlab\.com:88 \(127\.0\.41\.1\): filtered\/timeout \(.+\)/);
    // A refused connection's socket code says nothing the word "refused" does not.
    expect(outcome.evidence.join('\n')).not.toContain('ECONNREFUSED');
  });

  it('only warns when UDP 88 alone is closed: Kerberos clients fall back to TCP', () => {
    const f = facts('healthy');
    const udp = probe(f, 88, 'UDP');
    const outcome = pathsCheck.judge(replaced(f, { row: udp.row, via: 'kdc', address: '127.0.41.1', state: 'unreachable', error: 'ICMP port unreachable' }));
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.remedy).toContain('UDP 88 to sedc01.se.airwlab.com (unreachable)');
    expect(outcome.evidence).toContain('DC Kerberos            UDP sedc01.se.airwlab.com:88 (127.0.41.1): unreachable (ICMP port unreachable)');
  });

  it('fails on a filtered TCP path, showing the socket detail', () => {
    const f = facts('healthy');
    const ldaps = probe(f, 636, 'TCP');
    const outcome = pathsCheck.judge(
      replaced(f, { row: ldaps.row, via: 'tcp', address: '127.0.41.1', state: 'timeout', ms: 3000, detail: 'no answer within 3000 ms' }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toContain(
      'DC LDAPS               TCP sedc01.se.airwlab.com:636 (127.0.41.1): filtered/timeout in 3000 ms, no answer within 3000 ms',
    );
  });

  it('fails on an unresolved name without a Test-NetConnection for it (net.dns says why)', () => {
    const f = facts('healthy');
    const api = probe(f, 8443, 'TCP');
    const outcome = pathsCheck.judge(replaced(f, { row: api.row, via: 'dns', state: 'unresolved' }));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.remedy).toContain('TCP 8443 to uem.se.airwlab.com (name does not resolve)');
    expect(outcome.evidence).toContain('UEM API                TCP uem.se.airwlab.com:8443: name does not resolve');
    expect(outcome.command).toBeUndefined();
  });

  it('skips when no server is set yet', () => {
    expect(pathsCheck.judge({ probes: [] })).toEqual({ status: 'skip', reason: 'No servers are set yet (KCD, Email server, UEM API steps)' });
  });
});
