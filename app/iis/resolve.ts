import { attributeOf, type XmlElement, type XmlTree } from './xml-tree';
import { normaliseLocation, satisfies, sectionSteps } from './setting';
import { type ElementStep, type IisSetting } from '../contract/iis';

/** The configuration levels that apply at a location, outermost first: server, site, app. */
function levelsFor(location: string): string[] {
  const parts = normaliseLocation(location)
    .split('/')
    .filter((part) => part !== '');
  return ['', ...parts.map((_, i) => parts.slice(0, i + 1).join('/'))];
}

function locationPath(element: XmlElement): string | undefined {
  return element.name === 'location' ? normaliseLocation(attributeOf(element, 'path')?.value ?? '') : undefined;
}

/**
 * Elements that hold configuration for exactly this level, in document order. The server
 * level is the root itself plus `<location path="">`/`path="."` blocks.
 */
export function containersAt(tree: XmlTree, level: string): XmlElement[] {
  const wanted = normaliseLocation(level);
  const blocks = tree.root.children.filter((child) => locationPath(child) === wanted);
  return wanted === '' ? [tree.root, ...blocks] : blocks;
}

function matches(element: XmlElement, step: ElementStep): boolean {
  if (element.name !== step.name) return false;
  if (!step.key) return true;
  const value = attributeOf(element, step.key.attribute)?.value;
  return value !== undefined && value.toLowerCase() === step.key.value.toLowerCase();
}

/** Follows the steps down from a container; when a name repeats, the last one wins, as in IIS. */
export function descend(container: XmlElement, steps: readonly ElementStep[]): { found: XmlElement[]; missing: ElementStep[] } {
  const found: XmlElement[] = [];
  let current = container;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const next = current.children.filter((child) => child.name !== 'location' && matches(child, step)).pop();
    if (!next) return { found, missing: steps.slice(i) };
    found.push(next);
    current = next;
  }
  return { found, missing: [] };
}

function attributeAtLevel(tree: XmlTree, level: string, steps: readonly ElementStep[], attribute: string): string | undefined {
  let value: string | undefined;
  for (const container of containersAt(tree, level)) {
    const { found, missing } = descend(container, steps);
    const leaf = found[found.length - 1];
    if (missing.length === 0 && leaf) value = attributeOf(leaf, attribute)?.value ?? value;
  }
  return value;
}

export interface Observed {
  /** The value IIS would use at the setting's location. */
  readonly effective: string;
  /** Where it comes from, for the evidence: a level, the defaults element, or the schema. */
  readonly source: string;
}

export function observe(tree: XmlTree, setting: IisSetting): Observed {
  if (setting.kind === 'entry') {
    const entries = collectionAt(tree, setting);
    const present = entries.some((value) => value.toLowerCase() === setting.entry.value.toLowerCase());
    return { effective: entries.join(', '), source: present ? 'present' : 'absent' };
  }
  const steps = [...sectionSteps(setting.section), ...setting.element];
  let observed: Observed | undefined;
  for (const level of levelsFor(setting.location)) {
    const value = attributeAtLevel(tree, level, steps, setting.attribute);
    if (value !== undefined) observed = { effective: value, source: level === '' ? 'server level' : `location "${level}"` };
  }
  if (observed) return observed;
  if (setting.defaultsFrom) {
    const fallback = attributeAtLevel(tree, '', [...sectionSteps(setting.section), ...setting.defaultsFrom], setting.attribute);
    if (fallback !== undefined) return { effective: fallback, source: setting.defaultsFrom.map((s) => s.name).join('/') };
  }
  return { effective: setting.schemaDefault, source: 'IIS default' };
}

/** Collection semantics of IIS: `clear` empties what was inherited, `remove` drops one key, `add` appends. */
function collectionAt(tree: XmlTree, setting: Extract<IisSetting, { kind: 'entry' }>): string[] {
  const steps = [...sectionSteps(setting.section), ...setting.element];
  let entries: string[] = [];
  for (const level of levelsFor(setting.location)) {
    for (const container of containersAt(tree, level)) {
      const { found, missing } = descend(container, steps);
      const collection = found[found.length - 1];
      if (missing.length > 0 || !collection) continue;
      for (const item of collection.children) {
        const key = attributeOf(item, setting.entry.attribute)?.value;
        if (item.name === 'clear') entries = [];
        else if (item.name === 'remove' && key !== undefined) entries = entries.filter((e) => e.toLowerCase() !== key.toLowerCase());
        else if (item.name === 'add' && key !== undefined) entries.push(key);
      }
    }
  }
  return entries;
}

export function isSatisfied(tree: XmlTree, setting: IisSetting): boolean {
  const observed = observe(tree, setting);
  if (setting.kind === 'entry') return observed.source === 'present';
  return satisfies(setting.compare, observed.effective, setting.value);
}
