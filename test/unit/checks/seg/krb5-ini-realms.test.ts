import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { krb5Ini, type Krb5IniFacts } from '../../../../app/checks/seg/krb5-ini';
import type { Settings } from '../../../../app/contract/settings';
import { factsPath, hasFacts, recordedFacts } from '../../../support/facts';
import { gatherSegFacts, SEG_HOST, segHostSettings } from './seg-host-cases';

// seg.krb5-ini over hand-written krb5.ini files (test/fixtures/krb5) for three realms of two
// trees: SE.AIRWLAB.COM (the service account's), PARTNER.COM and its child EU.PARTNER.COM.
// The facts are recorded like the other seg.* facts (SEG_RECORD_FACTS=seg.krb5-ini) and must
// equal a fresh gather otherwise.
const RECORD = (process.env.SEG_RECORD_FACTS ?? '').split(',').map((p) => p.trim());
const recording = RECORD.some((p) => p === '1' || p === 'seg.*' || p === 'seg.krb5-ini');

const CASES = { segThreeRealmsByHand: 'three-realms-by-hand.ini', segThreeRealmsHalfDone: 'three-realms-half-done.ini' } as const;

const threeRealms = (): Settings => {
  const s = segHostSettings();
  return {
    ...s,
    kcd: {
      ...s.kcd,
      domains: [
        { realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' },
        { realm: 'PARTNER.COM', dcHost: 'pdc01' },
        { realm: 'EU.PARTNER.COM', dcHost: 'eudc01' },
      ],
    },
  };
};

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'seg-krb5-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('seg.krb5-ini facts over hand-written krb5.ini files', () => {
  it.each(Object.entries(CASES))('%s: match the recorded facts', async (name, file) => {
    mkdirSync(join(folder, 'seg-files'));
    copyFileSync(join(__dirname, '../../../fixtures/krb5', file), join(folder, 'seg-files', 'krb5.ini'));
    const gathered = JSON.parse(
      JSON.stringify((await gatherSegFacts(folder, threeRealms())).get('seg.krb5-ini'))
        .split(folder)
        .join(SEG_HOST),
    ) as unknown;
    if (recording) {
      await mkdir(dirname(factsPath(name, 'seg.krb5-ini')), { recursive: true });
      await writeFile(factsPath(name, 'seg.krb5-ini'), `${JSON.stringify(gathered, null, 2)}\n`);
    } else {
      expect(hasFacts(name, 'seg.krb5-ini'), `${name} is not recorded (SEG_RECORD_FACTS=seg.krb5-ini)`).toBe(true);
      expect(gathered).toEqual(recordedFacts(name, 'seg.krb5-ini'));
    }
  });
});

describe('seg.krb5-ini judged from those facts', () => {
  const facts = (name: keyof typeof CASES) => recordedFacts<Krb5IniFacts>(name, 'seg.krb5-ini');

  it('passes a file that says the same as the generated one in other words: names with or without the domain, ports, split sections', () => {
    expect(krb5Ini.judge(facts('segThreeRealmsByHand'))).toEqual({
      status: 'pass',
      evidence: [
        'read /seg-host/seg-files/krb5.ini',
        '[realms] SE.AIRWLAB.COM: kdc = SEDC01:88',
        '[domain_realm] se.airwlab.com: SE.AIRWLAB.COM',
        '[realms] PARTNER.COM: kdc = PDC01.Partner.Com',
        '[domain_realm] partner.com: PARTNER.COM',
        '[realms] EU.PARTNER.COM: kdc = eudc01.eu.partner.com.',
        '[domain_realm] eu.partner.com: EU.PARTNER.COM',
        '[capaths] SE.AIRWLAB.COM → PARTNER.COM: . (path SE.AIRWLAB.COM → PARTNER.COM)',
        '[capaths] SE.AIRWLAB.COM → EU.PARTNER.COM: PARTNER.COM (path SE.AIRWLAB.COM → PARTNER.COM → EU.PARTNER.COM)',
        '[capaths] PARTNER.COM → SE.AIRWLAB.COM: . (path PARTNER.COM → SE.AIRWLAB.COM)',
        '[capaths] EU.PARTNER.COM → SE.AIRWLAB.COM: PARTNER.COM (path EU.PARTNER.COM → PARTNER.COM → SE.AIRWLAB.COM)',
      ],
    });
  });

  it('fails a half-done file naming each gap, and shows exactly the lines to add', () => {
    const outcome = krb5Ini.judge(facts('segThreeRealmsHalfDone'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    const [problems, lines] = outcome.remedy.split(':\n') as [string, string];
    expect(problems.split('; ')).toEqual([
      'realm SE.AIRWLAB.COM does not list its DC sedc01.se.airwlab.com as kdc',
      'hosts of se.airwlab.com belong to SE.AIRWLAB.COM, but [domain_realm] maps it to PARTNER.COM',
      'realm EU.PARTNER.COM is missing from [realms]',
      'hosts of eu.partner.com belong to EU.PARTNER.COM, but [domain_realm] maps it to PARTNER.COM',
      "from SE.AIRWLAB.COM to EU.PARTNER.COM the trust path is SE.AIRWLAB.COM → PARTNER.COM → EU.PARTNER.COM, but with no [capaths] entry MIT asks SE.AIRWLAB.COM's KDC for EU.PARTNER.COM directly and depends on its referrals",
      expect.stringMatching(
        /^from EU\.PARTNER\.COM to SE\.AIRWLAB\.COM the trust path is EU\.PARTNER\.COM → PARTNER\.COM → SE\.AIRWLAB\.COM, but .* Error C of the guide: write C:\\ProgramData\\MIT\\Kerberos5\\krb5\.ini on the SEG as generated \(script krb5\.ini\), or add these lines to it$/,
      ),
    ]);
    expect(lines.split('\n')).toEqual([
      '[realms]',
      '    SE.AIRWLAB.COM = {',
      '        # sedc01.se.airwlab.com, at the address network.hosts pins it to',
      '        kdc = 127.0.0.254',
      '        admin_server = 127.0.0.254',
      '    }',
      '    EU.PARTNER.COM = {',
      '        kdc = eudc01.eu.partner.com',
      '        admin_server = eudc01.eu.partner.com',
      '    }',
      '',
      '[domain_realm]',
      '    .se.airwlab.com = SE.AIRWLAB.COM',
      '    se.airwlab.com = SE.AIRWLAB.COM',
      '    .eu.partner.com = EU.PARTNER.COM',
      '    eu.partner.com = EU.PARTNER.COM',
      '',
      '[capaths]',
      '    SE.AIRWLAB.COM = {',
      '        EU.PARTNER.COM = PARTNER.COM',
      '    }',
      '    EU.PARTNER.COM = {',
      '        SE.AIRWLAB.COM = PARTNER.COM',
      '    }',
      'A value in these lines replaces any other of the same tag in the file.',
    ]);
    expect(outcome.command).toContain('[capaths]');
  });

  const byHand = () => {
    const f = facts('segThreeRealmsByHand');
    if (f.file !== 'read') throw new Error('recorded as read');
    return f;
  };

  it('warns about a [capaths] entry that sends a pair another way than the trust path, with the entry to write', () => {
    const f = byHand();
    const capaths = f.capaths.map((c) => (c.client === 'SE.AIRWLAB.COM' && c.server === 'EU.PARTNER.COM' ? { ...c, found: ['.'] } : c));
    expect(krb5Ini.judge({ ...f, capaths })).toMatchObject({
      status: 'warn',
      remedy: expect.stringMatching(
        /^from SE\.AIRWLAB\.COM to EU\.PARTNER\.COM the trust path is SE\.AIRWLAB\.COM → PARTNER\.COM → EU\.PARTNER\.COM, but \[capaths\] sends it SE\.AIRWLAB\.COM → EU\.PARTNER\.COM: right only for a shortcut or external trust\. .*:\n\[capaths\]\n {4}SE\.AIRWLAB\.COM = \{\n {8}EU\.PARTNER\.COM = PARTNER\.COM\n {4}\}\nA value in these lines replaces any other of the same tag in the file\.$/,
      ),
    });
  });

  it('warns about a [capaths] entry the trust path does not call for: right only for a shortcut or external trust', () => {
    const f = byHand();
    const shortcut = {
      client: 'EU.PARTNER.COM',
      server: 'PARTNER.COM',
      trust: ['EU.PARTNER.COM', 'PARTNER.COM'],
      written: false,
      found: ['SE.AIRWLAB.COM'],
    };
    const outcome = krb5Ini.judge({ ...f, capaths: [...f.capaths, shortcut] });
    expect(outcome).toMatchObject({
      status: 'warn',
      remedy: expect.stringMatching(
        /^from EU\.PARTNER\.COM to PARTNER\.COM the trust path is EU\.PARTNER\.COM → PARTNER\.COM, but \[capaths\] sends it EU\.PARTNER\.COM → SE\.AIRWLAB\.COM → PARTNER\.COM: right only for a shortcut or external trust\. Error C of the guide: write [^\n]*\(script krb5\.ini\)\.$/,
      ),
    });
  });

  it('warns, with the entry to add, when a needed [capaths] entry is missing and MIT depends on the KDC referrals', () => {
    const f = byHand();
    const capaths = f.capaths.map((c) => (c.client === 'EU.PARTNER.COM' ? { ...c, found: null } : c));
    const outcome = krb5Ini.judge({ ...f, capaths });
    expect(outcome.status).toBe('warn');
    expect(outcome.status === 'warn' && outcome.remedy).toMatch(
      /depends on its referrals\. .*:\n\[capaths\]\n {4}EU\.PARTNER\.COM = \{\n {8}SE\.AIRWLAB\.COM = PARTNER\.COM\n {4}\}\nA value in these lines replaces any other of the same tag in the file\.$/,
    );
  });
});
