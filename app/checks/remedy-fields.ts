import { SETTING_FIELDS, settingFieldOf } from '../contract/setting-path';

/**
 * Every settings path a text may name, as one pattern: `#` matches an index. A path ends where
 * no letter, digit or hyphen follows, so `seg.iis-config` (a check id) is no `seg.*` path and a
 * full stop after `network.hosts.` ends the sentence, not the path.
 */
const PATH_PATTERN = new RegExp(
  `(?<![\\w.-])(?:${[...SETTING_FIELDS]
    .sort((a, b) => b.length - a.length)
    .map((f) => f.replace(/\./g, '\\.').replace(/#/g, '\\d+'))
    .join('|')})(?![\\w-])`,
  'g',
);

/**
 * The settings a remedy names by their path (`network.hosts`, `kcd.domains.0.realm`), in the
 * order it names them, each once, followed by those the check says the fix is made in without
 * naming them in the words (an input check's fields).
 */
export function remedyFieldsOf(remedy: string, alsoIn: readonly string[] = []): string[] {
  const named = [...remedy.matchAll(PATH_PATTERN)].map((m) => m[0]);
  // A pin's finding names the pin (`network.hosts.sedc01.se.airwlab.com`); the field is the list of pins.
  const fields = alsoIn.map((f) => (f.startsWith('network.hosts.') ? 'network.hosts' : f)).filter((f) => settingFieldOf(f) !== null);
  return [...new Set([...named, ...fields])];
}
