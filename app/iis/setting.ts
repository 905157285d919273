/**
 * One thing the plan wants to hold in applicationHost.config, in the terms appcmd uses:
 * a location (`''` = server level, else `Site/App`), a section path and, inside the section,
 * an element path whose collection entries are picked by their key attribute.
 * Plain data: plans cross the IPC boundary and are shown and stored as JSON.
 */
export interface ElementStep {
  readonly name: string;
  readonly key?: { readonly attribute: string; readonly value: string };
}

/** How the current value is judged: IIS reads booleans and enums without regard to case. */
export type Comparison = 'bool' | 'equals' | 'at-least' | 'flags';

export interface AttributeSetting {
  readonly kind: 'attribute';
  readonly location: string;
  readonly section: string;
  readonly element: readonly ElementStep[];
  readonly attribute: string;
  readonly value: string;
  readonly compare: Comparison;
  /** Value IIS uses when no level sets the attribute (IIS_schema.xml). */
  readonly schemaDefault: string;
  /** Element in the same section whose attribute applies when ours is absent (applicationPoolDefaults). */
  readonly defaultsFrom?: readonly ElementStep[];
}

/** An entry that must be present in a collection (`<providers><add value="Negotiate" />`). */
export interface EntrySetting {
  readonly kind: 'entry';
  readonly location: string;
  readonly section: string;
  /** Path to the collection element inside the section. */
  readonly element: readonly ElementStep[];
  readonly entry: { readonly attribute: string; readonly value: string };
}

export type IisSetting = AttributeSetting | EntrySetting;

export function sectionSteps(section: string): ElementStep[] {
  return section.split('/').map((name) => ({ name }));
}

/** Location paths compare as IIS compares them: without case, without surrounding slashes. */
export function normaliseLocation(path: string): string {
  const trimmed = path.trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '.' ? '' : trimmed.toLowerCase();
}

export function satisfies(compare: Comparison, current: string, wanted: string): boolean {
  switch (compare) {
    case 'bool':
    case 'equals':
      return current.trim().toLowerCase() === wanted.trim().toLowerCase();
    case 'at-least': {
      const now = Number(current.trim());
      return /^\d+$/.test(current.trim()) && now >= Number(wanted);
    }
    case 'flags': {
      // Every wanted flag set; extra flags (Ssl128) are the administrator's and stay.
      const have = flagSet(current);
      return [...flagSet(wanted)].every((flag) => have.has(flag));
    }
  }
}

export function flagSet(value: string): Set<string> {
  return new Set(
    value
      .split(',')
      .map((flag) => flag.trim().toLowerCase())
      .filter((flag) => flag !== '' && flag !== 'none'),
  );
}

/** `system.webServer/serverRuntime@uploadReadAheadSize at "Default Web Site"`: how a person reads a setting. */
export function describeSetting(setting: IisSetting): string {
  const where = setting.location === '' ? 'server level' : `"${setting.location}"`;
  const inner = setting.element.map((step) => (step.key ? `${step.name}[${step.key.attribute}='${step.key.value}']` : step.name)).join('/');
  const path = inner === '' ? setting.section : `${setting.section}/${inner}`;
  return setting.kind === 'attribute'
    ? `${path}@${setting.attribute} at ${where}`
    : `${path} entry ${setting.entry.attribute}='${setting.entry.value}' at ${where}`;
}
