import { DOMParser, type Element as DomElement, type Node as DomNode } from '@xmldom/xmldom';
import { err, ok, type Result } from '../contract/result';

/** Where an attribute sits in the original text, so an edit can replace just its value. */
export interface AttributeSpan {
  readonly name: string;
  /** Decoded value, as a reader of the XML sees it. */
  readonly value: string;
  /** Offset of the first character of the name. */
  readonly start: number;
  /** Offsets of the value between its quotes. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** One element of applicationHost.config and the exact bytes it occupies. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: readonly AttributeSpan[];
  readonly children: readonly XmlElement[];
  /** Offset of `<`. */
  readonly start: number;
  /** Offset just after the `>` (or `/>`) of the start tag. */
  readonly openEnd: number;
  readonly selfClosing: boolean;
  /** Offset of `</` of the end tag; equals openEnd for a self-closing element. */
  readonly closeStart: number;
  /** Offset just after the element. */
  readonly end: number;
}

export interface XmlTree {
  readonly text: string;
  readonly root: XmlElement;
}

export function attributeOf(element: XmlElement, name: string): AttributeSpan | undefined {
  return element.attributes.find((a) => a.name === name);
}

const ELEMENT_NODE = 1;

/**
 * Parses with xmldom (well-formedness, entity decoding, the locator's start positions) and
 * then measures each element's start tag, attributes and end tag in the original text, which
 * xmldom does not report. Every warning is fatal: IIS refuses a file xmldom merely warns about
 * (an unquoted attribute value, say), and we must never write into a file IIS cannot read.
 */
export function parseXmlTree(text: string): Result<XmlTree> {
  // A byte order mark is not XML; xmldom is given the text after it and line 1 starts past it.
  const bom = text.startsWith('\ufeff') ? 1 : 0;
  let document;
  let first: string | undefined;
  try {
    document = new DOMParser({
      locator: true,
      // Only CR LF and CR count as line breaks, the same rule lineStarts() uses below.
      normalizeLineEndings: (source: string) => source.replace(/\r\n?/g, '\n'),
      onError: (_level: string, message: string, context: { locator?: { lineNumber?: number; columnNumber?: number } } | undefined) => {
        const at = context?.locator?.lineNumber !== undefined ? ` (line ${context.locator.lineNumber}, column ${context.locator.columnNumber ?? '?'})` : '';
        first ??= `${message.replace(/\s+/g, ' ').trim()}${at}`;
        throw new Error(first);
      },
    }).parseFromString(text.slice(bom), 'text/xml');
  } catch (cause) {
    return err(
      'iis.config-damaged',
      `The file is not well-formed XML: ${first ?? (cause instanceof Error ? cause.message : String(cause))}`,
      'Use an intact copy of applicationHost.config (IIS keeps the last good ones in %SystemDrive%\\inetpub\\history).',
    );
  }
  const rootNode = document.documentElement;
  if (!rootNode) return err('iis.config-damaged', 'The file has no root element.');
  const starts = lineStarts(text, bom);
  try {
    return ok({ text, root: measure(text, rootNode, starts) });
  } catch (cause) {
    return err('iis.config-damaged', cause instanceof Error ? cause.message : String(cause));
  }
}

function lineStarts(text: string, first: number): number[] {
  const starts = [first];
  const breaks = /\r\n?|\n/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

function measure(text: string, node: DomElement, starts: readonly number[]): XmlElement {
  const line = starts[(node.lineNumber ?? 0) - 1];
  if (line === undefined || node.columnNumber === undefined) throw new Error(`No position for <${node.tagName}>.`);
  const start = line + node.columnNumber - 1;
  if (!text.startsWith(`<${node.tagName}`, start)) {
    throw new Error(`<${node.tagName}> was not found where the parser placed it (line ${node.lineNumber}).`);
  }
  const tag = scanStartTag(text, start + 1 + node.tagName.length, node);
  const children: XmlElement[] = [];
  for (let child: DomNode | null = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) children.push(measure(text, child as DomElement, starts));
  }
  if (tag.selfClosing) {
    return { name: node.tagName, attributes: tag.attributes, children, start, openEnd: tag.end, selfClosing: true, closeStart: tag.end, end: tag.end };
  }
  const after = children.length > 0 ? children[children.length - 1]!.end : tag.end;
  const closeStart = findEndTag(text, after);
  const closeEnd = text.indexOf('>', closeStart) + 1;
  if (closeEnd === 0) throw new Error(`</${node.tagName}> is not closed.`);
  return { name: node.tagName, attributes: tag.attributes, children, start, openEnd: tag.end, selfClosing: false, closeStart, end: closeEnd };
}

function scanStartTag(text: string, from: number, node: DomElement): { attributes: AttributeSpan[]; end: number; selfClosing: boolean } {
  const attributes: AttributeSpan[] = [];
  let i = from;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('/>', i)) return { attributes, end: i + 2, selfClosing: true };
    if (text[i] === '>') return { attributes, end: i + 1, selfClosing: false };
    const nameMatch = /^[^\s=/>]+/.exec(text.slice(i, i + 256));
    if (!nameMatch) throw new Error(`Unreadable start tag <${node.tagName}>.`);
    const name = nameMatch[0];
    const nameStart = i;
    i += name.length;
    while (/\s/.test(text[i] ?? '')) i++;
    if (text[i] !== '=') throw new Error(`Attribute ${name} of <${node.tagName}> has no value.`);
    i++;
    while (/\s/.test(text[i] ?? '')) i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") throw new Error(`Attribute ${name} of <${node.tagName}> is not quoted.`);
    const close = text.indexOf(quote, i + 1);
    if (close < 0) throw new Error(`Attribute ${name} of <${node.tagName}> is not closed.`);
    attributes.push({ name, value: node.getAttribute(name) ?? '', start: nameStart, valueStart: i + 1, valueEnd: close });
    i = close + 1;
  }
}

/** After the last child element only text, comments, CDATA and PIs remain before `</`. */
function findEndTag(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    if (text.startsWith('<!--', i)) i = skipPast(text, i, '-->');
    else if (text.startsWith('<![CDATA[', i)) i = skipPast(text, i, ']]>');
    else if (text.startsWith('<?', i)) i = skipPast(text, i, '?>');
    else if (text.startsWith('</', i)) return i;
    else i++;
  }
  throw new Error('An end tag is missing.');
}

function skipPast(text: string, from: number, terminator: string): number {
  const at = text.indexOf(terminator, from);
  if (at < 0) throw new Error(`Unterminated markup at offset ${from}.`);
  return at + terminator.length;
}
