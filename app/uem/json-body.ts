import { uemErr, uemOk, type UemResult } from './uem-error';

/** A short, printable excerpt of what a server sent, for evidence: never the whole body, never control characters. */
export function excerpt(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max)}…`;
}

/**
 * The body as JSON, or an error that says what came instead. Some UEM error pages are HTML
 * (uem-api-notes.md 7.1), and a proxy or a wrong URL answers with anything at all.
 */
export function parseJsonBody(body: Buffer, what: string): UemResult<unknown> {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start === '') return uemErr('uem.malformed', `The UEM API sent an empty answer for ${what}`, 'Check that the URL points at the UEM API server.');
  if (start.startsWith('<')) {
    return uemErr(
      'uem.not-json',
      `The server sent an HTML or XML page instead of JSON for ${what}: "${excerpt(start)}"`,
      'Check that the URL points at the UEM API server (https://asNNNN.awmdm.com for SaaS), not at the console or a proxy login page.',
    );
  }
  try {
    return uemOk(JSON.parse(text) as unknown);
  } catch (error) {
    return uemErr(
      'uem.malformed',
      `The UEM API sent malformed JSON for ${what} (${error instanceof Error ? excerpt(error.message, 80) : 'parse error'}): "${excerpt(start)}"`,
      'Check that the URL points at the UEM API server; if it does, the server or a proxy in between damaged the answer.',
    );
  }
}
