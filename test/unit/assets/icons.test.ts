import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICO_PATH, ICO_SIZES, icoOf, renderIcons, renderPng } from '../../../scripts/make-icons';

const ROOT = resolve(import.meta.dirname, '../../..');
const generated = renderIcons();

/** Reads an ICO's directory: each entry's size (0 means 256) and its image. */
function readIco(ico: Buffer): { size: number; image: Buffer }[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const e = 6 + 16 * i;
    const size = ico.readUInt8(e) || 256;
    const length = ico.readUInt32LE(e + 8);
    const offset = ico.readUInt32LE(e + 12);
    return { size, image: ico.subarray(offset, offset + length) };
  });
}

const pngSize = (png: Buffer): [number, number] => [png.readUInt32BE(16), png.readUInt32BE(20)];

describe('assets/: the application icon', () => {
  it.each([...generated.keys()])('%s is what `npm run icons` makes from assets/icon.svg now', (path) => {
    expect(readFileSync(join(ROOT, path)).equals(generated.get(path)!), `${path} is stale: run npm run icons`).toBe(true);
  });

  it('a change to the SVG changes the files (the comparison bites)', () => {
    const svg = readFileSync(join(ROOT, 'assets/icon.svg'), 'utf8').replace('#1e6fd9', '#d91e1e');
    expect(renderPng(Buffer.from(svg), 32).equals(generated.get('assets/icons/32x32.png')!)).toBe(false);
  });

  it('each PNG has the size its name says', () => {
    for (const [path, bytes] of generated) {
      const m = /(\d+)x(\d+)\.png$/.exec(path);
      if (m) expect(pngSize(bytes)).toStrictEqual([Number(m[1]), Number(m[2])]);
    }
  });

  it('the ICO holds one PNG per Windows size, 256 written as 0, each readable at its offset', () => {
    const entries = readIco(generated.get(ICO_PATH)!);
    expect(entries.map((e) => e.size)).toStrictEqual([...ICO_SIZES]);
    for (const e of entries) expect(pngSize(e.image)).toStrictEqual([e.size, e.size]);
  });

  it('writes the ICO container byte for byte', () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    expect(
      icoOf([
        { size: 16, png },
        { size: 256, png },
      ]).toString('hex'),
    ).toBe('000001000200' + '10100000010020000800000026000000' + '0000000001002000080000002e000000' + png.toString('hex').repeat(2));
  });
});
