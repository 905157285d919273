import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** True when a text shown as a sentence ends like one. */
export function endsSentence(text: string): boolean {
  return /[.?!]["”’)]?$/.test(text.trim());
}

/** Every .ts and .tsx file below a folder. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * The literal endings an expression can show: a string's text, a template's last literal part,
 * both arms of a condition or a fallback. Null where the end is not written here (a variable, a
 * template ending in a value): what is not in the source is tested where it is made.
 */
export function literalEndings(e: ts.Expression): (string | null)[] {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isTemplateExpression(e)) {
    const last = e.templateSpans[e.templateSpans.length - 1]!.literal.text;
    return [last.trim() === '' ? null : last];
  }
  if (ts.isParenthesizedExpression(e)) return literalEndings(e.expression);
  if (ts.isConditionalExpression(e)) return [...literalEndings(e.whenTrue), ...literalEndings(e.whenFalse)];
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return [...literalEndings(e.left), ...literalEndings(e.right)];
    if (op === ts.SyntaxKind.PlusToken) return literalEndings(e.right);
  }
  return [null];
}

export interface Found {
  readonly where: string;
  readonly text: string;
}

/** Walks every file's syntax tree, collecting what `collect` finds at each node, with file:line. */
export function collectFrom(files: readonly string[], root: string, collect: (node: ts.Node) => readonly string[]): Found[] {
  const found: Found[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const visit = (node: ts.Node): void => {
      for (const text of collect(node)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ where: `${relative(root, file)}:${line}`, text });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
