/**
 * The MIT profile format of krb5.ini (krb5.conf(5)), read the way MIT's own parser reads it
 * (util/profile/prof_parse.c), so that what a check says about the SEG's file is what the
 * SEG's Kerberos library will do with it:
 * - nothing is read until a line that starts with `[` in its first column: a UTF-8 byte-order
 *   mark (Notepad's "UTF-8") or an indent before the first `[libdefaults]` makes MIT skip that
 *   header and every line up to the next section (measured with MIT 1.20: "Configuration file
 *   does not specify default realm");
 * - a line whose first non-blank character is `#` or `;` is a comment; a `#` later in a line is
 *   part of the value;
 * - a `[section]` named twice is one section; a `tag = {` subsection named twice is two, and a
 *   lookup reads both (profile_node_iterator), so values are collected across them;
 * - `tag =` with nothing after it opens a subsection whose `{` must start the next line;
 * - a value in double quotes has `\n`, `\t`, `\b` and `\\` escapes; a `*` in a tag (final) is dropped;
 * - any syntax error makes MIT refuse the whole file ("Improper format of Kerberos configuration
 *   file"); a `{` left open at the end is accepted.
 * Lines end at LF; a CR before it is dropped (fgets + strip_line).
 */
export interface Relation {
  readonly values: Map<string, string[]>;
  readonly children: Map<string, Relation[]>;
}

function relation(): Relation {
  return { values: new Map(), children: new Map() };
}

export type Krb5Profile = ReadonlyMap<string, Relation>;

export interface ParsedKrb5Ini {
  readonly profile: Krb5Profile;
  /** What MIT's parser refuses, each with its line: with any of them MIT reads none of the file. */
  readonly errors: string[];
  /** Lines before the first section, which MIT skips without a word (a byte-order mark makes the first header one of them). */
  readonly skipped: string[];
}

const BOM = '\ufeff';

/** A line as evidence: the byte-order mark MIT sees as text is shown by name. */
const shown = (line: string) => line.replace(BOM, '<BOM>').trim();

/** MIT's parse_quoted_string: up to the next unescaped `"`; the rest of the line is ignored. */
function unquote(text: string): string {
  let out = '';
  for (let i = 0; i < text.length && text[i] !== '"'; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      const next = text[++i]!;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'b' ? '\b' : next;
    } else out += c;
  }
  return out;
}

export function parseKrb5Ini(text: string): ParsedKrb5Ini {
  const profile = new Map<string, Relation>();
  const errors: string[] = [];
  const skipped: string[] = [];
  const stack: Relation[] = [];
  let started = false;
  let awaitingBrace = false;
  text.split('\n').forEach((raw, index) => {
    const at = `line ${index + 1}`;
    const line = raw.replace(/[\r\n]+$/, '');
    if (!started) {
      if (!line.startsWith('[')) {
        if (line.trim() !== '' && !/^\s*[#;]/.test(line)) skipped.push(`${at}: ${shown(line)}`);
        return;
      }
      started = true;
    }
    const cp = line.trimStart();
    if (awaitingBrace) {
      awaitingBrace = false;
      if (!cp.startsWith('{')) errors.push(`${at}: the "{" of the subsection opened on the line before must start this line`);
      return;
    }
    if (cp === '' || cp.startsWith('#') || cp.startsWith(';')) return;
    if (cp.startsWith('[')) {
      if (stack.length > 1) {
        errors.push(`${at}: [section] inside a "{ … }" subsection (a "}" is missing above)`);
        return;
      }
      const close = cp.indexOf(']');
      if (close < 0 || !/^\*?\s*$/.test(cp.slice(close + 1))) {
        errors.push(`${at}: not "[section]"`);
        return;
      }
      const name = cp.slice(1, close);
      const section = profile.get(name) ?? relation();
      profile.set(name, section);
      stack.length = 0;
      stack.push(section);
      return;
    }
    if (cp.startsWith('}')) {
      if (stack.length > 1) stack.pop();
      else errors.push(`${at}: "}" without "{"`);
      return;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) {
      // Only after a first "[" line MIT refused: it stopped there, we read on for the evidence.
      errors.push(`${at}: "tag = value" outside any [section]`);
      return;
    }
    const eq = cp.indexOf('=');
    const tag = eq > 0 ? cp.slice(0, eq).trimEnd() : '';
    if (tag === '' || /\s/.test(tag)) {
      errors.push(`${at}: not "tag = value"`);
      return;
    }
    const name = tag.split('*')[0]!;
    const rest = cp.slice(eq + 1).trimStart();
    if (rest === '' || (rest.startsWith('{') && rest.slice(1).trim() === '')) {
      const child = relation();
      top.children.set(name, [...(top.children.get(name) ?? []), child]);
      stack.push(child);
      awaitingBrace = rest === '';
      return;
    }
    const value = rest.startsWith('"') ? unquote(rest.slice(1)) : rest.trimEnd();
    top.values.set(name, [...(top.values.get(name) ?? []), value]);
  });
  if (awaitingBrace) errors.push('end of file: the "{" of the last subsection is missing');
  return { profile, errors, skipped };
}

/** The (sub)sections at a path such as `realms / SE.AIRWLAB.COM`: a subsection named twice is two nodes. */
function nodesAt(profile: Krb5Profile, path: readonly [string, ...string[]]): Relation[] {
  const [section, ...subsections] = path;
  let nodes: Relation[] = profile.has(section) ? [profile.get(section)!] : [];
  for (const name of subsections) nodes = nodes.flatMap((node) => node.children.get(name) ?? []);
  return nodes;
}

/**
 * Every value of a tag at a path such as `realms / SE.AIRWLAB.COM`, in file order, across
 * subsections named more than once (MIT reads them all). Names are case-sensitive, as in MIT.
 */
export function profileValues(profile: Krb5Profile, path: readonly [string, ...string[]], tag: string): string[] {
  return nodesAt(profile, path).flatMap((node) => node.values.get(tag) ?? []);
}

/** Whether the path names a (sub)section at all, even an empty one. */
export function profileHas(profile: Krb5Profile, path: readonly [string, ...string[]]): boolean {
  return nodesAt(profile, path).length > 0;
}

/**
 * The realm MIT maps a host to from [domain_realm] (hostrealm_profile.c): the host itself, then
 * each shorter suffix, with its leading dot and then without (a.b.c, .b.c, b.c, .c, c); the
 * first value of the first tag found. Null when no entry applies.
 */
export function hostRealm(profile: Krb5Profile, host: string): string | null {
  const name = host.trim().replace(/\.$/, '').toLowerCase();
  for (let p: string | null = name; p !== null && p !== ''; p = p.startsWith('.') ? p.slice(1) : p.includes('.') ? p.slice(p.indexOf('.')) : null) {
    const realm = profileValues(profile, ['domain_realm'], p)[0];
    if (realm !== undefined) return realm;
  }
  return null;
}

/**
 * The realms MIT's client walks from client to server (k5_client_realm_path, MIT 1.13 and
 * later), given the values of `capaths / client / server`: straight to the server when there
 * are none or the first is "."; else each value, cut at its first blank, in order.
 */
export function clientRealmPath(capaths: readonly string[], client: string, server: string): string[] {
  if (capaths.length === 0 || capaths[0]!.startsWith('.')) return [client, server];
  return [client, ...capaths.map((v) => v.split(/[\t ]/)[0]!), server];
}
