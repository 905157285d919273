import { describe, expect, it } from 'vitest';
import { consoleChecklists } from '../../../app/configure/console-checklists';
import { labSettings } from './helpers';

const activeSyncHost = (settings: ReturnType<typeof labSettings>, override?: string) =>
  consoleChecklists(settings, override)
    .find((c) => c.id === 'eas-profile')!
    .entries.find((e) => e.field === 'Exchange ActiveSync: Exchange ActiveSync Host')!.value;

describe("the EAS profile checklist's ActiveSync host (issue 20, item 7)", () => {
  it("is the SEG's public name from the settings", () => {
    expect(activeSyncHost(labSettings({ seg: { publicHost: 'seg.airwlab.com' } }))).toBe('seg.airwlab.com');
  });

  it("gives way to the CLI's --seg-public-host", () => {
    expect(activeSyncHost(labSettings({ seg: { publicHost: 'seg.airwlab.com' } }), 'mail.airwlab.com')).toBe('mail.airwlab.com');
  });

  it('says where the name is asked for while it is not given', () => {
    expect(activeSyncHost(labSettings())).toBe('(the SEG’s public DNS name, asked for on the Email server step)');
  });
});
