import { describe, expect, test } from 'vitest';
import { parseServerSentEvents } from '../../../renderer/api/sse-parser';
import { isPathEntry, splitPem } from '../../../renderer/wizard/certificate-import';
import { sameField, valueAt } from '../../../renderer/wizard/field-value';
import { indexIssues, messageFor } from '../../../renderer/wizard/issues';
import { stepOfField } from '../../../renderer/wizard/steps';

function readerOf(chunks: string[]): ReadableStreamDefaultReader<string> {
  return new ReadableStream<string>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  }).getReader();
}

async function events(chunks: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const data of parseServerSentEvents(readerOf(chunks))) out.push(data);
  return out;
}

describe('parseServerSentEvents', () => {
  test('joins data lines, skips comments, and survives lines split anywhere, CRLF split included', async () => {
    expect(await events([': connected\n\n', 'data: {"a":1}\n\n'])).toEqual(['{"a":1}']);
    expect(await events(['da', 'ta: one\r', '\ndata: two\r\n', '\r\n'])).toEqual(['one\ntwo']);
    expect(await events(['data:x\n', '\n', 'event: ignored\ndata: y\n\n'])).toEqual(['x', 'y']);
  });

  test('an event cut off by the end of the stream is not delivered', async () => {
    expect(await events(['data: complete\n\n', 'data: half'])).toEqual(['complete']);
  });
});

describe('splitPem', () => {
  const body = 'MIIBszCCAVmgAwIBAgIUQ' + 'A'.repeat(100);
  test('one entry per certificate, rewrapped at 64 characters', () => {
    const outcome = splitPem(
      `junk\n-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\r\n${body}\r\n-----END CERTIFICATE-----`,
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.entries).toHaveLength(2);
    expect(outcome.entries[0]?.split('\n')[1]).toHaveLength(64);
    expect(isPathEntry(outcome.entries[0] ?? '')).toBe(false);
    expect(isPathEntry('certs/root.cer')).toBe(true);
  });

  test('keys, garbage and non-Base64 are refused with the reason', () => {
    expect(splitPem('-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----')).toMatchObject({
      ok: false,
      message: expect.stringContaining('private key'),
    });
    expect(splitPem('hello')).toMatchObject({ ok: false, message: expect.stringContaining('No certificate') });
    expect(splitPem('-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----')).toMatchObject({ ok: false });
  });
});

describe('issues', () => {
  test('are found by field and counted on the step that edits them', () => {
    const index = indexIssues([
      { checkId: 'input.realm', field: 'kcd.domains.1.realm', message: 'upper case' },
      { checkId: 'input.target-spn', field: 'kcd.targetSpn', message: 'HTTP/host' },
      { checkId: 'input.network', field: 'network.timeoutMs', message: 'too small' },
    ]);
    expect(messageFor(index, 'kcd.domains.1.realm')).toBe('upper case');
    expect(messageFor(index, 'kcd.domains.0.realm')).toBeNull();
    expect(index.byStep.get('kcd')).toHaveLength(2);
    expect(index.byStep.get('verify')).toHaveLength(1);
    expect(stepOfField('certificates.roots')).toBe('certificates');
    expect(stepOfField('uemx.apiUrl')).toBeNull();
  });
});

describe('valueAt / sameField', () => {
  const doc = { kcd: { domains: [{ realm: 'A.COM' }, { realm: 'B.COM' }] }, network: { hosts: { 'sedc01.se.airwlab.com': '127.0.0.1' } } };
  test('walks dotted paths through arrays, and map keys that hold dots', () => {
    expect(valueAt(doc, 'kcd.domains.1.realm')).toBe('B.COM');
    expect(valueAt(doc, 'network.hosts.sedc01.se.airwlab.com')).toBe('127.0.0.1');
    expect(valueAt(doc, 'kcd.nothing.here')).toBeUndefined();
  });
  test('tells whether one field changed between two documents', () => {
    const changed = { ...doc, kcd: { domains: [{ realm: 'A.COM' }, { realm: 'b.com' }] } };
    expect(sameField(doc, changed, 'kcd.domains.0.realm')).toBe(true);
    expect(sameField(doc, changed, 'kcd.domains.1.realm')).toBe(false);
  });
});
