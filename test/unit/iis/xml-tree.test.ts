import { describe, expect, it } from 'vitest';
import { attributeOf, parseXmlTree, type XmlElement } from '../../../app/iis/xml-tree';

function parse(text: string) {
  const tree = parseXmlTree(text);
  if (!tree.ok) throw new Error(tree.error.message);
  return tree.value;
}

describe('parseXmlTree', () => {
  it('measures start tags, attributes and end tags in the original text', () => {
    const text = '<?xml version="1.0"?>\r\n<c>\r\n  <a x="1"\r\n     y=\'2 &amp; 3\' />\r\n  <b>text</b>\r\n</c>';
    const tree = parse(text);
    const [a, b] = tree.root.children as [XmlElement, XmlElement];
    expect(text.slice(a.start, a.end)).toBe('<a x="1"\r\n     y=\'2 &amp; 3\' />');
    expect(a.selfClosing).toBe(true);
    const y = attributeOf(a, 'y')!;
    expect(y.value).toBe('2 & 3');
    expect(text.slice(y.valueStart, y.valueEnd)).toBe('2 &amp; 3');
    expect(text.slice(b.start, b.end)).toBe('<b>text</b>');
    expect(text.slice(b.closeStart, b.end)).toBe('</b>');
    expect(text.slice(tree.root.closeStart)).toBe('</c>');
  });

  it('is not fooled by end tags inside comments and CDATA', () => {
    const text = '<c><x><!-- </x> --><![CDATA[</x>]]></x></c>';
    const x = parse(text).root.children[0]!;
    expect(text.slice(x.closeStart, x.end)).toBe('</x>');
    expect(x.end).toBe(text.length - '</c>'.length);
  });

  it('keeps offsets right after a byte order mark and non-ASCII text', () => {
    const text = '\ufeff<c>\n <é a="ü"/>\n <z/></c>';
    const [e, z] = parse(text).root.children as [XmlElement, XmlElement];
    expect(text.slice(e.start, e.end)).toBe('<é a="ü"/>');
    expect(text.slice(z.start, z.end)).toBe('<z/>');
  });

  it.each([
    ['truncated', '<configuration><system.webServer>'],
    ['mismatched', '<a><b></a></b>'],
    ['unquoted attribute', '<a x=1/>'],
    ['duplicate attribute', '<a x="1" x="2"/>'],
    ['unknown entity', '<a>&bogus;</a>'],
    ['empty', ''],
    ['two roots', '<a/><b/>'],
  ])('rejects a damaged file (%s) with iis.config-damaged', (_name, text) => {
    const tree = parseXmlTree(text);
    expect(tree.ok).toBe(false);
    if (!tree.ok) expect(tree.error.code).toBe('iis.config-damaged');
  });
});
