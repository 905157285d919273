import { DOMParser, type Element as DomElement, type Node as DomNode } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IIS_OPTIONS } from '../../../app/iis/iis-options';
import { buildIisPlan, planHolds, renderPlannedText } from '../../../app/iis/iis-plan';
import { diffLines } from '../../../app/iis/line-diff';
import { fixture, labSettings } from '../configure/helpers';

/** A deterministic generator, so a failing variant can be reproduced from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Writes the same document in one of many hand-written styles: line ends, indentation, quotes, spacing, comments. */
function restyle(xml: string, seed: number): string {
  const next = random(seed);
  const pick = <T>(options: readonly T[]): T => options[Math.floor(next() * options.length)]!;
  const nl = pick(['\n', '\r\n']);
  const unit = pick(['  ', '    ', '\t']);
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const escape = (value: string, quote: string) =>
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(quote === '"' ? /"/g : /'/g, quote === '"' ? '&quot;' : '&apos;');
  const write = (node: DomElement, depth: number): string => {
    const indent = unit.repeat(depth);
    const attributes = Array.from({ length: node.attributes.length }, (_, i) => node.attributes.item(i)!).map((a) => {
      const quote = pick(['"', "'"]);
      const breakBefore = next() < 0.15 ? `${nl}${indent}${unit}` : ' ';
      return `${breakBefore}${a.name}${pick(['=', ' = '])}${quote}${escape(a.value, quote)}${quote}`;
    });
    const children: DomElement[] = [];
    for (let c: DomNode | null = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) children.push(c as DomElement);
    const open = `${indent}<${node.tagName}${attributes.join('')}`;
    const comment = next() < 0.1 ? `${indent}<!-- note <${node.tagName}> -->${nl}` : '';
    if (children.length === 0) return comment + open + pick(['/>', ' />', `></${node.tagName}>`]);
    return `${comment}${open}>${nl}${children.map((c) => write(c, depth + 1)).join(nl)}${nl}${indent}</${node.tagName}>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>${nl}${write(doc.documentElement!, 0)}${nl}`;
}

describe('the SEG plan on 80 differently formatted copies of the same file', () => {
  it('applies, holds, is idempotent, and changes only the lines of the elements it edits', () => {
    const base = fixture('seg-installed.config');
    for (let seed = 1; seed <= 80; seed++) {
      const text = restyle(base, seed);
      const plan = buildIisPlan('seg', text, labSettings(), DEFAULT_IIS_OPTIONS);
      expect(plan.ok, `seed ${seed}`).toBe(true);
      if (!plan.ok) continue;
      expect(plan.value.items.filter((i) => i.state === 'change')).toHaveLength(7);
      const after = renderPlannedText(text, plan.value);
      expect(after.ok, `seed ${seed}`).toBe(true);
      if (!after.ok) continue;
      expect(planHolds(after.value, plan.value), `seed ${seed}`).toEqual({ ok: true, value: true });
      const again = buildIisPlan('seg', after.value, labSettings(), DEFAULT_IIS_OPTIONS);
      expect(again.ok && again.value.items.every((i) => i.state === 'done'), `seed ${seed}`).toBe(true);
      const removed = diffLines(text, after.value).filter((op) => op.kind === '-');
      // At most: the pool's <add>, its attribute lines, and the two self-closing elements that gain attributes.
      expect(removed.length, `seed ${seed}`).toBeLessThanOrEqual(6);
      for (const op of removed)
        expect(op.line, `seed ${seed}`).toMatch(
          /SecureEmailGateway|managedRuntimeVersion|clientCertificateMappingAuthentication|serverRuntime|<\/add>|^\s*\/?>|^\s*<\/serverRuntime>/,
        );
      const newline = text.includes('\r\n') ? '\r\n' : '\n';
      expect(after.value.split(newline).join('').includes('\n'), `seed ${seed} mixed line ends`).toBe(false);
    }
  });
});
