// `npm run icons`: the application icon's generated files from its one source, assets/icon.svg:
// PNGs (assets/icons/NxN.png: the Linux package and the window take the 256 one) and the
// Windows ICO. test/unit/assets checks the committed files equal what this renders.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const ROOT = resolve(import.meta.dirname, '..');
export const ICON_SVG = 'assets/icon.svg';
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
/** Windows shows 16–256; electron-builder wants a 256 entry. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
export const pngPath = (size: number): string => `assets/icons/${size}x${size}.png`;
export const ICO_PATH = 'assets/icon.ico';

export function renderPng(svg: Buffer, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng());
}

/**
 * An ICO holding PNG images (Windows Vista and later read them): ICONDIR, one 16-byte
 * ICONDIRENTRY per image, then the images. A width or height of 256 is written as 0.
 */
export function icoOf(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt8(0, e + 2); // no palette
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

/** Every generated file, by its path in the repository. */
export function renderIcons(svg: Buffer = readFileSync(join(ROOT, ICON_SVG))): Map<string, Buffer> {
  const pngs = new Map(PNG_SIZES.map((size) => [size, renderPng(svg, size)] as const));
  const files = new Map<string, Buffer>([...pngs].map(([size, png]) => [pngPath(size), png]));
  files.set(ICO_PATH, icoOf(ICO_SIZES.map((size) => ({ size, png: pngs.get(size)! }))));
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [path, bytes] of renderIcons()) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), bytes);
    process.stdout.write(`${path} (${bytes.length} bytes)\n`);
  }
}
