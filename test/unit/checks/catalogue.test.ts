import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../app/checks/catalogue';
import { CHECK_IDS, familyOf, isCheckId } from '../../../app/contract/check-ids';

describe('the check catalogue', () => {
  it('defines exactly one check per id of the contract, in the contract order', () => {
    expect(CATALOGUE.map((c) => c.id)).toEqual([...CHECK_IDS]);
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
