import { err, ok, type Result } from '../contract/result';

/** One file of a zip: its name inside the archive (forward slashes) and its bytes. */
export interface ZipEntry {
  readonly name: string;
  readonly bytes: Buffer;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as zip wants it (ISO 3309, the same as gzip's). */
export function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time (local fields, two-second steps), the only timestamps a plain zip entry has. */
function dosTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getFullYear(), 1980), 2107);
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

/** Bit 11: names are UTF-8 (APPNOTE 4.4.4), so Windows' Explorer shows non-ASCII names as written. */
const UTF8_NAMES = 0x0800;
const LIMIT = 0xffffffff;

/**
 * A zip of stored (uncompressed) entries, APPNOTE.TXT 6.3 without ZIP64: the scripts are a few
 * kilobytes, so compression would save nothing worth a dependency, and every unzip tool (Windows'
 * Explorer included) reads method 0. Refuses what ZIP64 would be needed for.
 */
export function storeZip(entries: readonly ZipEntry[], at: Date = new Date()): Result<Buffer> {
  if (entries.length > 0xffff) return err('zip.too-many', `${entries.length} files are too many for one zip.`, 'Save them into a folder instead.');
  const { time, date } = dosTime(at);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    if (entry.bytes.length >= LIMIT || offset >= LIMIT)
      return err('zip.too-large', `${entry.name} does not fit in a zip without ZIP64.`, 'Save the files into a folder instead.');
    // From "version needed" to "extra field length" the local and central headers agree (APPNOTE 4.3.7, 4.3.12).
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0);
    common.writeUInt16LE(UTF8_NAMES, 2);
    common.writeUInt16LE(0, 4);
    common.writeUInt16LE(time, 6);
    common.writeUInt16LE(date, 8);
    common.writeUInt32LE(crc32(entry.bytes), 10);
    common.writeUInt32LE(entry.bytes.length, 14);
    common.writeUInt32LE(entry.bytes.length, 18);
    common.writeUInt16LE(name.length, 22);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common.copy(local, 4);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    common.copy(header, 6);
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.bytes);
    central.push(header, name);
    offset += local.length + name.length + entry.bytes.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return ok(Buffer.concat([...locals, directory, end]));
}
