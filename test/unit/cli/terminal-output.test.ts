import { describe, expect, it } from 'vitest';
import { fail } from '../../../app/cli/io';
import { renderTable } from '../../../app/cli/table';
import type { CheckResult } from '../../../app/contract/check-result';
import { captureIo } from '../../support/cli-io';

/* eslint-disable no-control-regex */
// What a hostile EAS or UEM server could put in a string the CLI prints: a title change, a screen wipe, a fake line.
const HOSTILE = 'alice\u001b]0;pwned\u0007\u001b[2J\rPASS    everything\u009b31m';

describe('server-supplied strings reach the terminal without control characters', () => {
  it('the table strips them from evidence, remedy, command and reason', () => {
    const result: CheckResult = {
      id: 'eas.kcd-end-to-end',
      title: 'EAS',
      status: 'fail',
      evidence: [`server reports the user as: ${HOSTILE}`],
      remedy: HOSTILE,
      command: `setspn -Q x\n${HOSTILE}`,
      commandShell: 'powershell',
      reason: null,
      durationMs: 1,
    };
    const skipped: CheckResult = { ...result, id: 'krb.as', status: 'skip', reason: HOSTILE };
    const text = renderTable([result, skipped], { colour: false });
    expect(text).toContain('server reports the user as: alice');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('command (PowerShell):  setspn -Q x\n');
  });

  it('names the shell of each command: appcmd lines are for cmd.exe', () => {
    const result: CheckResult = {
      id: 'seg.app-pool',
      title: 'pool',
      status: 'fail',
      evidence: [],
      remedy: 'r',
      command: 'appcmd.exe add backup\niisreset',
      commandShell: 'cmd',
      reason: null,
      durationMs: 1,
    };
    expect(renderTable([result], { colour: false })).toContain('  command (cmd.exe):  appcmd.exe add backup\n                      iisreset\n');
  });

  it('an error message does too', () => {
    const io = captureIo();
    fail(io, { code: 'uem.protocol', message: `The server said ${HOSTILE}`, remedy: HOSTILE }, false);
    expect(io.err()).toContain('The server said alice');
    expect(io.err()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
