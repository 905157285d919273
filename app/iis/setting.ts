import type { Comparison, ElementStep, IisSetting } from '../contract/iis';
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
