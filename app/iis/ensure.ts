import { err, ok, type Result } from '../contract/result';
import { appendChildSplice, applySplice, layoutOf, setAttributeSplice, type NewElement } from './markup';
import { containersAt, descend, isSatisfied } from './resolve';
import { sectionSteps } from './setting';
import { type ElementStep, type IisSetting } from '../contract/iis';
import { parseXmlTree, type XmlElement, type XmlTree } from './xml-tree';

/** The chain of elements still missing, innermost carrying the attribute or entry key. */
function chain(missing: readonly ElementStep[], leaf: readonly (readonly [string, string])[]): NewElement {
  const [first, ...rest] = missing;
  if (!first) throw new Error('chain() needs at least one step');
  const attributes: (readonly [string, string])[] = first.key ? [[first.key.attribute, first.key.value]] : [];
  if (rest.length === 0) {
    for (const pair of leaf) if (!attributes.some(([name]) => name === pair[0])) attributes.push(pair);
    return { name: first.name, attributes, children: [] };
  }
  return { name: first.name, attributes, children: [chain(rest, leaf)] };
}

function targetSteps(setting: IisSetting): { steps: ElementStep[]; leaf: (readonly [string, string])[] } {
  const base = [...sectionSteps(setting.section), ...setting.element];
  if (setting.kind === 'attribute') return { steps: base, leaf: [[setting.attribute, setting.value]] };
  return { steps: base, leaf: [] };
}

function entryElement(setting: Extract<IisSetting, { kind: 'entry' }>): NewElement {
  return { name: 'add', attributes: [[setting.entry.attribute, setting.entry.value]], children: [] };
}

/**
 * Of several containers for the level, write where most of the path already exists; on a tie
 * the first, so a server-level value goes into <configuration> itself rather than into a
 * `<location path="" overrideMode="Allow">` block, which would also unlock it for web.config.
 */
function bestContainer(containers: readonly XmlElement[], steps: readonly ElementStep[]): XmlElement | undefined {
  let best: { container: XmlElement; depth: number } | undefined;
  for (const container of containers) {
    const depth = descend(container, steps).found.length;
    if (!best || depth > best.depth) best = { container, depth };
  }
  return best?.container;
}

/**
 * Makes one setting hold at its own level (not merely by inheritance: the guide sets both
 * server and site), touching only the bytes that must change: an attribute value, one new
 * attribute, or the missing elements.
 * A new location goes at the end of <configuration>, where `appcmd /commit:apphost` puts it.
 */
function ensureSetting(tree: XmlTree, setting: IisSetting): Result<string> {
  // An entry already in effect (inherited included) must not be added again: IIS rejects a duplicate key.
  if (setting.kind === 'entry' && isSatisfied(tree, setting)) return ok(tree.text);
  const layout = layoutOf(tree);
  const { steps, leaf } = targetSteps(setting);
  const innermost = (element: NewElement): NewElement => (setting.kind === 'entry' ? { ...element, children: [entryElement(setting)] } : element);
  const build = (missing: ElementStep[]): NewElement => {
    const outer = chain(missing, leaf);
    return wrapInnermost(outer, innermost);
  };
  const container = bestContainer(containersAt(tree, setting.location), steps);
  if (!container) {
    const block = build([{ name: 'location', key: { attribute: 'path', value: setting.location } }, ...steps]);
    return ok(applySplice(tree.text, appendChildSplice(tree.text, tree.root, block, layout)));
  }
  const { found, missing } = descend(container, steps);
  const deepest = found[found.length - 1] ?? container;
  if (missing.length > 0) return ok(applySplice(tree.text, appendChildSplice(tree.text, deepest, build(missing), layout)));
  // An entry goes last in its collection, after any <clear/> or <remove> of the same key, where IIS reads it last.
  if (setting.kind === 'entry') return ok(applySplice(tree.text, appendChildSplice(tree.text, deepest, entryElement(setting), layout)));
  return ok(applySplice(tree.text, setAttributeSplice(tree.text, deepest, setting.attribute, setting.value)));
}

function wrapInnermost(element: NewElement, change: (leaf: NewElement) => NewElement): NewElement {
  const [child] = element.children;
  return child ? { ...element, children: [wrapInnermost(child, change)] } : change(element);
}

/** Applies settings one after another, re-reading the text in between so each edit sees the last. */
export function ensureAll(text: string, settings: readonly IisSetting[]): Result<string> {
  let current = text;
  for (const setting of settings) {
    const tree = parseXmlTree(current);
    if (!tree.ok) return tree;
    const next = ensureSetting(tree.value, setting);
    if (!next.ok) return next;
    current = next.value;
  }
  const final = parseXmlTree(current);
  return final.ok ? ok(current) : err('iis.edit-broke-xml', 'An edit produced text that is not well-formed XML; nothing was written.');
}
