import { err, ok, type Result } from '../api/result';
import { appendChildSplice, applySplice, layoutOf, setAttributeSplice, type NewElement } from './markup';
import { containersAt, descend } from './resolve';
import { sectionSteps, type ElementStep, type IisSetting } from './setting';
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
  const entry: ElementStep = { name: 'add', key: { attribute: setting.entry.attribute, value: setting.entry.value } };
  return { steps: [...base, entry], leaf: [] };
}

/** Of several containers for the level, write where most of the path already exists (the last on a tie). */
function bestContainer(containers: readonly XmlElement[], steps: readonly ElementStep[]): XmlElement | undefined {
  let best: { container: XmlElement; depth: number } | undefined;
  for (const container of containers) {
    const depth = descend(container, steps).found.length;
    if (!best || depth >= best.depth) best = { container, depth };
  }
  return best?.container;
}

/**
 * Makes one setting hold at its own level (not merely by inheritance), touching only the
 * bytes that must change: an attribute value, one new attribute, or the missing elements.
 * A new location goes at the end of <configuration>, where `appcmd /commit:apphost` puts it.
 */
export function ensureSetting(tree: XmlTree, setting: IisSetting): Result<string> {
  const layout = layoutOf(tree);
  const { steps, leaf } = targetSteps(setting);
  const container = bestContainer(containersAt(tree, setting.location), steps);
  if (!container) {
    const block = chain([{ name: 'location', key: { attribute: 'path', value: setting.location } }, ...steps], leaf);
    return ok(applySplice(tree.text, appendChildSplice(tree.text, tree.root, block, layout)));
  }
  const { found, missing } = descend(container, steps);
  const deepest = found[found.length - 1] ?? container;
  if (missing.length > 0) return ok(applySplice(tree.text, appendChildSplice(tree.text, deepest, chain(missing, leaf), layout)));
  if (setting.kind === 'entry') return ok(tree.text);
  return ok(applySplice(tree.text, setAttributeSplice(tree.text, deepest, setting.attribute, setting.value)));
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
