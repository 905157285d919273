import { describe, expect, it } from 'vitest';
import { sameShape, shapeOf } from '../../support/facts';

describe('the shape of recorded facts', () => {
  it('is the same whatever order a directory returns its entries in', () => {
    const a = { accounts: [{ name: 'x' }, { name: 'y', spn: ['HTTP/a'] }] };
    const b = { accounts: [{ name: 'y', spn: ['HTTP/a'] }, { name: 'x' }] };
    expect(sameShape(shapeOf(a), shapeOf(b))).toBe(true);
  });

  it('changes when a field appears, disappears or changes kind', () => {
    expect(sameShape(shapeOf({ a: 1 }), shapeOf({ a: 1, b: 2 }))).toBe(false);
    expect(sameShape(shapeOf({ a: 1 }), shapeOf({ a: '1' }))).toBe(false);
    expect(sameShape(shapeOf({ list: [{ a: 1 }] }), shapeOf({ list: [{ b: 1 }] }))).toBe(false);
  });

  it('lets an empty list stand for any list', () => {
    expect(sameShape(shapeOf({ list: [] }), shapeOf({ list: [{ a: 1 }] }))).toBe(true);
  });
});
