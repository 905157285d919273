import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { collectFrom, endsSentence, literalEndings, sourceFiles } from '../../support/sentences';

/**
 * Issue 20, item 10: every sentence the wizard shows ends with a full stop. What the renderer
 * writes itself is read from its source: the help under a field, a step's or a group's
 * introduction, the text of an alert, and the messages it makes for them. (Captions and headings
 * are not sentences.)
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const FILES = sourceFiles(join(ROOT, 'renderer'));
const SENTENCE_PROPS = new Set(['help', 'helperText', 'intro', 'description', 'noOptionsText']);

/** The text an element ends with, when its last child is written here. */
function closingText(node: ts.JsxElement): (string | null)[] {
  const children = node.children.filter((c) => !(ts.isJsxText(c) && c.containsOnlyTriviaWhiteSpaces));
  const last = children[children.length - 1];
  if (last === undefined) return [];
  if (ts.isJsxText(last)) return [last.text.replace(/\s+/g, ' ')];
  if (ts.isJsxExpression(last) && last.expression) return literalEndings(last.expression);
  return [null];
}

function shownSentences(node: ts.Node): string[] {
  let texts: (string | null)[] = [];
  if (ts.isJsxAttribute(node) && SENTENCE_PROPS.has(node.name.getText()) && node.initializer) {
    const init = node.initializer;
    if (ts.isStringLiteral(init)) texts = [init.text];
    else if (ts.isJsxExpression(init) && init.expression) texts = literalEndings(init.expression);
  }
  if (ts.isJsxElement(node) && node.openingElement.tagName.getText() === 'Alert') texts = closingText(node);
  if (ts.isPropertyAssignment(node) && node.name.getText() === 'message') texts = literalEndings(node.initializer);
  return texts.filter((t): t is string => t !== null && t.trim() !== '');
}

describe('sentences the renderer writes (issue 20, item 10)', () => {
  it('reads a fair number of them, so the walk cannot silently find nothing', () => {
    expect(collectFrom(FILES, ROOT, shownSentences).length).toBeGreaterThan(50);
  });

  it('end with a full stop', () => {
    const unfinished = collectFrom(FILES, ROOT, shownSentences).filter((s) => !endsSentence(s.text));
    expect(unfinished.map((s) => `${s.where}: ${s.text}`)).toEqual([]);
  });
});
