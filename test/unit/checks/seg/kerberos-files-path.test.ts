import { describe, expect, it } from 'vitest';
import { kerberosFilesPath, type KerberosFilesPathFacts } from '../../../../app/checks/seg/kerberos-files-path';
import { recordedFacts } from '../../../support/facts';

const facts = (c: string) => recordedFacts<KerberosFilesPathFacts>(c, 'seg.kerberos-files-path');

describe('seg.kerberos-files-path, from facts gathered over copies of a SEG host', () => {
  it('passes once KerberosFiles is on the system PATH', () => {
    expect(kerberosFilesPath.judge(facts('segConfigured'))).toEqual({
      status: 'pass',
      evidence: ['PATH entry: C:\\AirWatch\\SecureEmailGateway\\KerberosFiles'],
    });
  });

  it('accepts the folder with a trailing backslash, in any case', () => {
    expect(kerberosFilesPath.judge({ read: 'ok', systemPath: 'C:\\Windows; D:\\SEG\\kerberosfiles\\ ;' }).evidence).toEqual([
      'PATH entry: D:\\SEG\\kerberosfiles\\',
    ]);
  });

  it('fails on the SEG as installed with Error A of the guide', () => {
    const outcome = kerberosFilesPath.judge(facts('segInstalled'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual(['PATH has 4 entries, none ending in \\KerberosFiles']);
    expect(outcome.remedy).toMatch(/^Error A of the guide .*seg-kerberos-path\.ps1/);
  });

  it('fails when the export lacks the Environment key, asking for it', () => {
    const outcome = kerberosFilesPath.judge({ read: 'ok', systemPath: null });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual(['HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\\Path is not in the export']);
    expect(outcome.remedy).toMatch(/^Export HKEY_LOCAL_MACHINE\\.*\\Environment on the SEG \(reg export\)/);
  });

  it('fails on a missing export, naming the collect script', () => {
    expect(kerberosFilesPath.judge(facts('segDamaged'))).toEqual({
      status: 'fail',
      evidence: ['/seg-host/seg-registry.reg cannot be read.'],
      remedy: 'Export the keys on the SEG (script seg-collect.cmd) and give the file’s path.',
    });
  });
});
