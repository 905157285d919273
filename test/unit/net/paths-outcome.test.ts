import { describe, expect, it } from 'vitest';
import { pathsOutcome, type PathRow, type RowState } from '../../../app/checks/net';

const row = (transport: PathRow['transport'], port: number, required: boolean): PathRow => ({ label: 'DC Kerberos', host: 'sedc01.se.airwlab.com', port, transport, required });
const result = (r: PathRow, state: RowState) => ({ row: r, state, text: `${r.transport} ${r.port} ${state}` });

describe('net.paths outcome', () => {
  it('passes when every path is open, keeping one evidence line per row', () => {
    const out = pathsOutcome([result(row('TCP', 88, true), 'open'), result(row('UDP', 88, false), 'open')]);
    expect(out).toEqual({ status: 'pass', evidence: ['TCP 88 open', 'UDP 88 open'] });
  });

  it('only warns when UDP 88 alone is closed: Kerberos clients fall back to TCP', () => {
    const out = pathsOutcome([result(row('TCP', 88, true), 'open'), result(row('UDP', 88, false), 'timeout')]);
    expect(out.status).toBe('warn');
    if (out.status !== 'warn') return;
    expect(out.remedy).toContain('UDP 88 to sedc01.se.airwlab.com (filtered/timeout)');
  });

  it('fails on a refused or unresolved required path, with Test-NetConnection only where a name resolved', () => {
    const out = pathsOutcome([result(row('TCP', 636, true), 'refused'), result({ ...row('TCP', 443, true), host: 'nowhere.invalid' }, 'unresolved')]);
    expect(out.status).toBe('fail');
    if (out.status !== 'fail') return;
    expect(out.remedy).toContain('TCP 636 to sedc01.se.airwlab.com (refused)');
    expect(out.remedy).toContain('nowhere.invalid (name does not resolve)');
    expect(out.command).toBe('Test-NetConnection -ComputerName sedc01.se.airwlab.com -Port 636');
  });
});
