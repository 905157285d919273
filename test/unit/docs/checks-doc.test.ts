import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS_DOC, renderChecksDoc } from '../../../scripts/docs-catalogue';
import { CHECK_IDS } from '../../../app/contract/check-ids';

describe('docs/checks.md', () => {
  it('is what the code renders (run `npm run docs` after changing a check)', () => {
    expect(readFileSync(CHECKS_DOC, 'utf8')).toBe(renderChecksDoc());
  });

  it('names every check of the contract, each with its own file', () => {
    const doc = renderChecksDoc();
    for (const id of CHECK_IDS) expect(doc).toContain(`### \`${id}\``);
  });
});
