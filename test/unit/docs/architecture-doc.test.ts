import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../../eslint/layers.mjs';

const doc = readFileSync(join(__dirname, '../../../docs/architecture.md'), 'utf8');

describe('docs/architecture.md', () => {
  it('draws every folder of the layer table', () => {
    for (const folder of Object.keys(LAYERS).filter((f) => f !== 'version')) expect(doc, folder).toMatch(new RegExp(`\\b${folder}/`));
  });

  it('links only inside the repository', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    for (const text of [doc, readme]) expect(text).not.toMatch(/\.\.\/shared/);
  });
});
