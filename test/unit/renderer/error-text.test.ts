import { describe, expect, it } from 'vitest';
import { errorText, sentence } from '../../../renderer/components/error-text';

describe('a core error as the wizard shows it (issue 20, item 10)', () => {
  it('ends the message with a full stop before the remedy', () => {
    expect(errorText({ code: 'bundle.not-json', message: 'The file is not a SEG KCD Setup bundle', remedy: 'Choose the .segkcd file.' })).toBe(
      'The file is not a SEG KCD Setup bundle. Choose the .segkcd file.',
    );
  });

  it('leaves a message that is already a sentence as it is, and needs no remedy', () => {
    expect(errorText({ code: 'x', message: 'The folder "C:\\SEG" is missing.' })).toBe('The folder "C:\\SEG" is missing.');
    expect(errorText({ code: 'x', message: 'Is the DC up?', remedy: 'Start it.' })).toBe('Is the DC up? Start it.');
  });

  it('ends a skip reason shown on its own as a sentence', () => {
    expect(sentence('krb.as failed: fix it first')).toBe('krb.as failed: fix it first.');
    expect(sentence('No sample device certificate is set (its UPN names the user).')).toBe('No sample device certificate is set (its UPN names the user).');
  });
});
