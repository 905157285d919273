import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../support/sentences';

/**
 * Issue 20, item 10: one monospace rule. Code, commands, host names, SPNs and hashes take the
 * theme's `mono` variant (renderer/theme.ts: `sx={mono}`, `monoInput` for a text field, or
 * SettingField's `monospace`); no component names a font of its own.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const THEME = join(ROOT, 'renderer/theme.ts');
const OWN_FONT = [/fontFamily/, /var\(--seg-mono\)/, /['"`][^'"`\n]*\bmonospace\b[^'"`\n]*['"`]/, /font-family/];

describe('the one monospace rule (issue 20, item 10)', () => {
  it('is set in the theme alone', () => {
    expect(readFileSync(THEME, 'utf8')).toMatch(/mono: \{ fontFamily: MONO_STACK \}/);
    const offenders = sourceFiles(join(ROOT, 'renderer'))
      .filter((file) => file !== THEME)
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${relative(ROOT, file)}:${i + 1}`, line }))
          .filter(({ line }) => OWN_FONT.some((pattern) => pattern.test(line))),
      );
    expect(offenders.map((o) => `${o.where}: ${o.line.trim()}`)).toEqual([]);
  });
});
