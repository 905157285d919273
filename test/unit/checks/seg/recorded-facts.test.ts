import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckId } from '../../../../app/contract/check-ids';
import { factsPath, hasFacts, recordedFacts } from '../../../support/facts';
import { gatherSegFacts, SEG_HOST, SEG_HOST_CASES } from './seg-host-cases';

// The seg.* facts the judge tests read, gathered over copies of a SEG host's files. With
// SEG_RECORD_FACTS=seg.* (or 1) they are written to test/fixtures/facts/<case>/; without it
// the facts gathered now must equal the recorded ones, so a fixture never drifts from gather.
const RECORD = (process.env.SEG_RECORD_FACTS ?? '').split(',').map((p) => p.trim());
const recording = (id: CheckId) => RECORD.some((p) => p === '1' || p === 'seg.*' || p === id);

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'seg-host-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** The facts as JSON with the temporary folder replaced by its stand-in, so recordings do not churn. */
const portable = (facts: unknown): unknown => JSON.parse(JSON.stringify(facts).split(folder).join(SEG_HOST));

describe('seg.* facts gathered over copies of a SEG host', () => {
  it.each(Object.entries(SEG_HOST_CASES))('%s: match the recorded facts', async (name, build) => {
    await build(folder);
    const facts = await gatherSegFacts(folder);
    expect(facts.size).toBeGreaterThan(0);
    for (const [id, gathered] of facts) {
      const value = portable(gathered);
      if (recording(id)) {
        await mkdir(dirname(factsPath(name, id)), { recursive: true });
        await writeFile(factsPath(name, id), `${JSON.stringify(value, null, 2)}\n`);
      } else {
        expect(hasFacts(name, id), `${name}/${id} is not recorded (SEG_RECORD_FACTS=seg.*)`).toBe(true);
        expect(value, `${name}/${id}`).toEqual(recordedFacts(name, id));
      }
    }
  });
});
