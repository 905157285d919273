import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../app/checks/catalogue';
import { CHECK_FAMILIES, familiesNamed, loadFamilies } from '../../../app/checks/families';
import { selectChecks } from '../../../app/checks/selection';
import { familyOf } from '../../../app/contract/check-ids';

describe('families loaded on demand', () => {
  it('loads every family to the same catalogue, in the same order', async () => {
    expect((await loadFamilies(CHECK_FAMILIES)).map((c) => c.id)).toEqual(CATALOGUE.map((c) => c.id));
  });

  it('names the families of ids and family patterns, and none for unknown ones', () => {
    expect(familiesNamed(['eas.kcd-end-to-end', 'ad.*'])).toEqual(['eas', 'ad']);
    expect(familiesNamed(['zz.*', 'ad.nonsense'])).toEqual([]);
    expect(familiesNamed(undefined)).toEqual(CHECK_FAMILIES);
  });

  it('loads what the end-to-end check depends on, and no family it does not need', async () => {
    const loaded = await loadFamilies(familiesNamed(['eas.kcd-end-to-end']));
    const families = new Set(loaded.map((c) => familyOf(c.id)));
    expect([...families].sort()).toEqual(['eas', 'input', 'krb']);
    // The selection from the partial load is the one from the whole catalogue.
    const partial = selectChecks(loaded, ['eas.kcd-end-to-end']);
    const whole = selectChecks(CATALOGUE, ['eas.kcd-end-to-end']);
    expect(partial.ok && partial.checks.map((c) => c.id)).toEqual(whole.ok && whole.checks.map((c) => c.id));
  });
});
