import type { GeneratedScript } from '../../app/contract/core-api';

/**
 * A script's bytes in the encoding its consumer needs (PowerShell 5.1 reads UTF-8 only with a
 * BOM; regedit wants UTF-16LE), as the core's own writer produces them.
 */
export function scriptBytes(script: Pick<GeneratedScript, 'content' | 'encoding'>): Uint8Array<ArrayBuffer> {
  switch (script.encoding) {
    case 'utf8':
      return new TextEncoder().encode(script.content);
    case 'utf8-bom':
      return new TextEncoder().encode(`\ufeff${script.content}`);
    case 'utf16le-bom': {
      const bytes = new Uint8Array(2 + script.content.length * 2);
      bytes[0] = 0xff;
      bytes[1] = 0xfe;
      for (let i = 0; i < script.content.length; i++) {
        const unit = script.content.charCodeAt(i);
        bytes[2 + i * 2] = unit & 0xff;
        bytes[3 + i * 2] = unit >> 8;
      }
      return bytes;
    }
  }
}
