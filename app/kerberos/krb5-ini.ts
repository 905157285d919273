/**
 * The MIT profile format of krb5.ini (krb5.conf(5)): `[section]`, `tag = value`, and
 * `tag = { … }` subsections. Parsed into relations so a check can ask for
 * `realms / SE.AIRWLAB.COM / kdc`. Comment lines start with `#` or `;`.
 */
export interface Relation {
  readonly values: Map<string, string[]>;
  readonly children: Map<string, Relation[]>;
}

function relation(): Relation {
  return { values: new Map(), children: new Map() };
}

export type Krb5Profile = ReadonlyMap<string, Relation>;

export function parseKrb5Ini(text: string): { profile: Krb5Profile; errors: string[] } {
  const profile = new Map<string, Relation>();
  const errors: string[] = [];
  const stack: Relation[] = [];
  text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
      const section = /^\[([^\]]+)\]$/.exec(line);
      if (section) {
        const name = section[1]!.trim();
        const existing = profile.get(name) ?? relation();
        profile.set(name, existing);
        stack.length = 0;
        stack.push(existing);
        return;
      }
      const top = stack[stack.length - 1];
      if (line === '}') {
        if (stack.length > 1) stack.pop();
        else errors.push(`line ${index + 1}: "}" without "{"`);
        return;
      }
      const pair = /^([^=\s]+)\s*=\s*(.*?)\s*\*?$/.exec(line);
      if (!pair || !top) {
        errors.push(`line ${index + 1}: not "tag = value"`);
        return;
      }
      const [, tag, value] = pair as unknown as [string, string, string];
      if (value === '{') {
        const child = relation();
        top.children.set(tag, [...(top.children.get(tag) ?? []), child]);
        stack.push(child);
        return;
      }
      top.values.set(tag, [...(top.values.get(tag) ?? []), value]);
    });
  if (stack.length > 1) errors.push('a "{" is not closed');
  return { profile, errors };
}

/** Realm names are case-sensitive in Kerberos; section and tag names as written. */
export function realmRelation(profile: Krb5Profile, realm: string): Relation | undefined {
  return profile.get('realms')?.children.get(realm)?.[0];
}
