import type { XmlElement, XmlTree } from './xml-tree';
import { attributeOf } from './xml-tree';

/** A new element to write: what `appcmd … /commit:apphost` would add. */
export interface NewElement {
  readonly name: string;
  readonly attributes: readonly (readonly [string, string])[];
  readonly children: readonly NewElement[];
}

/**
 * Formatting of the file we splice into: its line ending and indentation unit, so new lines
 * look like the lines around them (IIS writes CRLF and four spaces; hand-edited copies vary).
 */
export interface Layout {
  readonly newline: string;
  readonly unit: string;
}

export function layoutOf(tree: XmlTree): Layout {
  const newline = tree.text.includes('\r\n') ? '\r\n' : '\n';
  return { newline, unit: findUnit(tree.text, tree.root) ?? '    ' };
}

function findUnit(text: string, parent: XmlElement): string | undefined {
  const parentIndent = indentAt(text, parent.start);
  for (const child of parent.children) {
    const childIndent = indentAt(text, child.start);
    if (parentIndent !== undefined && childIndent !== undefined && childIndent.length > parentIndent.length && childIndent.startsWith(parentIndent)) {
      return childIndent.slice(parentIndent.length);
    }
    const deeper = findUnit(text, child);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

/** The whitespace before offset on its line, or undefined when other text precedes it there. */
function indentAt(text: string, offset: number): string | undefined {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r' ? text.slice(i, offset) : undefined;
}

function escapeAttribute(value: string, quote: '"' | "'"): string {
  // Tabs and line breaks are written as references: a literal one would be normalised to a space on reading (XML 1.0 §3.3.3).
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(quote === '"' ? /"/g : /'/g, quote === '"' ? '&quot;' : '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function renderElement(element: NewElement, indent: string, layout: Layout): string {
  const attributes = element.attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value, '"')}"`).join('');
  if (element.children.length === 0) return `${indent}<${element.name}${attributes} />`;
  const inner = element.children.map((child) => renderElement(child, indent + layout.unit, layout)).join(layout.newline);
  return `${indent}<${element.name}${attributes}>${layout.newline}${inner}${layout.newline}${indent}</${element.name}>`;
}

export interface Splice {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

export function applySplice(text: string, splice: Splice): string {
  return text.slice(0, splice.at) + splice.insert + text.slice(splice.at + splice.remove);
}

/** Sets one attribute: its value is replaced between the quotes, or it is added after the last attribute. */
export function setAttributeSplice(text: string, element: XmlElement, name: string, value: string): Splice {
  const existing = attributeOf(element, name);
  if (existing) {
    const quote = text[existing.valueStart - 1] === "'" ? "'" : '"';
    return { at: existing.valueStart, remove: existing.valueEnd - existing.valueStart, insert: escapeAttribute(value, quote) };
  }
  const last = element.attributes[element.attributes.length - 1];
  const at = last ? last.valueEnd + 1 : element.start + 1 + element.name.length;
  return { at, remove: 0, insert: ` ${name}="${escapeAttribute(value, '"')}"` };
}

/** Adds a child as the parent's last element, indented like its siblings. */
export function appendChildSplice(text: string, parent: XmlElement, child: NewElement, layout: Layout): Splice {
  const parentIndent = indentAt(text, parent.start) ?? '';
  const last = parent.children[parent.children.length - 1];
  if (last) {
    const indent = indentAt(text, last.start) ?? parentIndent + layout.unit;
    return { at: last.end, remove: 0, insert: layout.newline + renderElement(child, indent, layout) };
  }
  const indent = parentIndent + layout.unit;
  const rendered = renderElement(child, indent, layout);
  if (parent.selfClosing) {
    const lastAttribute = parent.attributes[parent.attributes.length - 1];
    const at = lastAttribute ? lastAttribute.valueEnd + 1 : parent.start + 1 + parent.name.length;
    return { at, remove: parent.end - at, insert: `>${layout.newline}${rendered}${layout.newline}${parentIndent}</${parent.name}>` };
  }
  const closeIndent = indentAt(text, parent.closeStart);
  if (closeIndent !== undefined) {
    const lineStart = parent.closeStart - closeIndent.length;
    return { at: lineStart, remove: 0, insert: rendered + layout.newline };
  }
  return { at: parent.closeStart, remove: 0, insert: layout.newline + rendered + layout.newline + parentIndent };
}
