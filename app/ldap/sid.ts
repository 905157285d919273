/**
 * A binary SID (MS-DTYP 2.4.2.2) as its string form `S-1-5-21-…`. AD and Samba accept
 * the string form in filters, which keeps binary values out of filter strings.
 */
export function sidToString(bytes: Uint8Array): string | null {
  if (bytes.length < 8) return null;
  const revision = bytes[0] ?? 0;
  const count = bytes[1] ?? 0;
  if (revision !== 1 || count > 15 || bytes.length !== 8 + 4 * count) return null;
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + (bytes[i] ?? 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const subs: number[] = [];
  for (let i = 0; i < count; i++) subs.push(view.getUint32(8 + 4 * i, true));
  return [`S-${revision}-${authority}`, ...subs].join('-');
}
