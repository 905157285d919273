import Parser from 'tree-sitter';
import PowerShell from 'tree-sitter-powershell';

/**
 * An independent reading of PowerShell text: tree-sitter's PowerShell grammar, prebuilt for
 * the platform inside its npm package. It does not treat U+2018–U+201B as quote characters
 * as PowerShell does; those cases are held by our own model in test/unit/scripts/quote.test.ts.
 */
export interface PowerShellReading {
  /** Syntax errors and missing tokens, with their text. */
  readonly errors: readonly string[];
  /** Every command the text would run, by name as written. */
  readonly commandNames: readonly string[];
  /** The string literal or comment that holds [start, end), or null when no single one does. */
  enclosing(start: number, end: number): { readonly type: string; readonly text: string } | null;
}

type Node = Parser.SyntaxNode;

const parser = new Parser();
parser.setLanguage(PowerShell as unknown as Parser.Language);

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.children) walk(child, visit);
}

const HOLDERS = new Set(['string_literal', 'comment']);

export function readPowerShell(text: string): PowerShellReading {
  const tree = parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 4) });
  const errors: string[] = [];
  const commandNames: string[] = [];
  const holders: Node[] = [];
  walk(tree.rootNode, (node) => {
    if (node.type === 'ERROR' || node.isMissing)
      errors.push(`${node.type} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${node.text.slice(0, 80)}`);
    if (node.type === 'command_name') commandNames.push(node.text);
    if (HOLDERS.has(node.type)) holders.push(node);
  });
  return {
    errors,
    commandNames,
    enclosing(start, end) {
      // The Node binding parses JavaScript strings as UTF-16: its indices are string indices.
      const holder = holders.find((node) => node.startIndex <= start && end <= node.endIndex);
      return holder ? { type: holder.type, text: holder.text } : null;
    },
  };
}
