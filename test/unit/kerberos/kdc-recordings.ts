import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Messages recorded on the wire between real Kerberos parties and the lab's Samba KDC
 * (test/lab/kerberos-recordings.test.ts records them with SEG_RECORD_KERBEROS=1): MIT kinit and
 * kvno -U -P requests with Samba's replies, and Samba's replies to our own client, whose
 * encrypted parts the unit tests open with the keys of lab.json's password.
 */
export const RECORDINGS_DIR = join(__dirname, '../../fixtures/kerberos');

/** One request and the KDC's reply, as the recorder names them: `<client>-<step>`. */
export const EXCHANGES = [
  'mit-as',
  'mit-as-preauth',
  'mit-s4u2self',
  'mit-s4u2proxy',
  'seg-as-preauth',
  'seg-s4u2self',
  'seg-s4u2proxy',
  'seg-s4u2proxy-refused',
] as const;
export type ExchangeName = (typeof EXCHANGES)[number];

/** The lab's names and the service account's password (lab test data) the recordings were made with. */
export interface RecordingLab {
  readonly realm: string;
  readonly serviceAccount: string;
  readonly servicePassword: string;
  readonly user: string;
  readonly targetSpn: string;
  /** An SPN the service account may not delegate to: S4U2Proxy to it is refused. */
  readonly refusedSpn: string;
}

export const hexPath = (name: ExchangeName, part: 'request' | 'reply'): string => join(RECORDINGS_DIR, `${name}.${part}.hex`);
export const labPath = join(RECORDINGS_DIR, 'lab.json');

export function recorded(name: ExchangeName, part: 'request' | 'reply'): Buffer {
  return Buffer.from(readFileSync(hexPath(name, part), 'utf8').replace(/\s+/g, ''), 'hex');
}

export function recordingLab(): RecordingLab {
  return JSON.parse(readFileSync(labPath, 'utf8')) as RecordingLab;
}

/** The hex file's text: 64 bytes a line, so a re-recording diffs line by line. */
export function hexText(bytes: Uint8Array): string {
  return `${(
    Buffer.from(bytes)
      .toString('hex')
      .match(/.{1,128}/g) ?? []
  ).join('\n')}\n`;
}
