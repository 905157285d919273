import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../app/checks/catalogue';
import { CHECK_IDS, familyOf, isCheckId } from '../../../app/contract/check-ids';
import { AD_CHECKS } from '../../../app/checks/ad';
import { EAS_CHECKS } from '../../../app/checks/eas';
import { INPUT_CHECKS } from '../../../app/checks/input';
import { KRB_CHECKS } from '../../../app/checks/krb';
import { NET_CHECKS } from '../../../app/checks/net';
import { PKI_CHECKS } from '../../../app/checks/pki';
import { SEG_CHECKS } from '../../../app/checks/seg';
import { TIME_CHECKS } from '../../../app/checks/time';
import { UEM_CHECKS } from '../../../app/checks/uem';

describe('the check catalogue', () => {
  it('defines exactly one check per id of the contract, in the contract order', () => {
    expect(CATALOGUE.map((c) => c.id)).toEqual([...CHECK_IDS]);
  });

  it('has each check in exactly one family, the family its id names', () => {
    const families = {
      ad: AD_CHECKS,
      eas: EAS_CHECKS,
      input: INPUT_CHECKS,
      krb: KRB_CHECKS,
      net: NET_CHECKS,
      pki: PKI_CHECKS,
      seg: SEG_CHECKS,
      time: TIME_CHECKS,
      uem: UEM_CHECKS,
    };
    const all = Object.entries(families).flatMap(([family, checks]) => checks.map((c) => [family, c.id] as const));
    expect(all).toHaveLength(CHECK_IDS.length);
    for (const [family, id] of all) expect(familyOf(id), id).toBe(family);
  });

  it('names only dependencies that come from the catalogue, never the check itself', () => {
    for (const check of CATALOGUE) {
      for (const dep of check.dependsOn ?? []) {
        expect(isCheckId(dep), `${check.id} depends on ${dep}`).toBe(true);
        expect(dep).not.toBe(check.id);
      }
    }
  });

  it('reads the family from the id', () => {
    expect(familyOf('ad.svc-spn')).toBe('ad');
    expect(familyOf('eas.kcd-end-to-end')).toBe('eas');
    expect(isCheckId('ad.nonsense')).toBe(false);
  });
});
