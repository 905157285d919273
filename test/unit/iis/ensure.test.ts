import { describe, expect, it } from 'vitest';
import { ensureAll } from '../../../app/iis/ensure';
import { isSatisfied, observe } from '../../../app/iis/resolve';
import type { IisSetting } from '../../../app/contract/iis';
import { attributeOf, parseXmlTree } from '../../../app/iis/xml-tree';

const runtime = (location: string, value = '10485760'): IisSetting => ({
  kind: 'attribute',
  location,
  section: 'system.webServer/serverRuntime',
  element: [],
  attribute: 'uploadReadAheadSize',
  value,
  compare: 'at-least',
  schemaDefault: '49152',
});

function apply(text: string, ...settings: IisSetting[]): string {
  const result = ensureAll(text, settings);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function tree(text: string) {
  const parsed = parseXmlTree(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('ensureAll', () => {
  it('opens a self-closing parent and an empty inline one', () => {
    expect(apply('<configuration>\n  <system.webServer/>\n</configuration>\n', runtime(''))).toBe(
      '<configuration>\n  <system.webServer>\n    <serverRuntime uploadReadAheadSize="10485760" />\n  </system.webServer>\n</configuration>\n',
    );
    expect(apply('<configuration><system.webServer></system.webServer></configuration>', runtime(''))).toBe(
      '<configuration><system.webServer>\n    <serverRuntime uploadReadAheadSize="10485760" />\n</system.webServer></configuration>',
    );
  });

  it('writes a server-level value into <configuration>, not into a <location path=""> that unlocks sections', () => {
    const text =
      '<configuration>\n    <system.webServer>\n    </system.webServer>\n    <location path="" overrideMode="Allow">\n        <system.webServer>\n            <modules />\n        </system.webServer>\n    </location>\n</configuration>\n';
    const after = apply(text, runtime(''));
    expect(after).toBe(
      text.replace(
        '    <system.webServer>\n    </system.webServer>',
        '    <system.webServer>\n        <serverRuntime uploadReadAheadSize="10485760" />\n    </system.webServer>',
      ),
    );
  });

  it('escapes attribute values so they read back exactly, in either quote style', () => {
    const value = `a&b<c>"d"'e'\tf`;
    const setting: IisSetting = {
      kind: 'attribute',
      location: 'Site/App',
      section: 'system.webServer/x',
      element: [],
      attribute: 'v',
      value,
      compare: 'equals',
      schemaDefault: '',
    };
    const created = apply('<configuration>\n</configuration>\n', setting);
    expect(observe(tree(created), setting).effective).toBe(value);
    const single = "<configuration>\n<location path='Site/App'><system.webServer><x v='old'/></system.webServer></location>\n</configuration>\n";
    const replaced = apply(single, setting);
    expect(replaced).toContain('<x v=\'a&amp;b&lt;c&gt;"d"&apos;e&apos;&#9;f\'/>');
    expect(observe(tree(replaced), setting).effective).toBe(value);
  });

  it('reads a value inherited from the site, and lets the application override it', () => {
    const text =
      '<configuration>\n<location path="Default Web Site"><system.webServer><serverRuntime uploadReadAheadSize="20000000"/></system.webServer></location>\n<location path="default web site/APP/"><system.webServer><serverRuntime uploadReadAheadSize="100"/></system.webServer></location>\n</configuration>';
    expect(observe(tree(text), runtime('Default Web Site/Other'))).toEqual({ effective: '20000000', source: 'location "default web site"' });
    expect(isSatisfied(tree(text), runtime('Default Web Site/App'))).toBe(false);
    const fixed = apply(text, runtime('Default Web Site/App'));
    expect(fixed).toContain('<location path="default web site/APP/"><system.webServer><serverRuntime uploadReadAheadSize="10485760"/>');
  });

  it('adds a collection entry after <remove> of the same key, so it takes effect', () => {
    const entry: IisSetting = {
      kind: 'entry',
      location: '',
      section: 'system.webServer/security/authentication/windowsAuthentication',
      element: [{ name: 'providers' }],
      entry: { attribute: 'value', value: 'Negotiate' },
    };
    const text =
      '<configuration>\n  <system.webServer>\n    <security>\n      <authentication>\n        <windowsAuthentication>\n          <providers>\n            <add value="Negotiate" />\n            <remove value="negotiate" />\n          </providers>\n        </windowsAuthentication>\n      </authentication>\n    </security>\n  </system.webServer>\n</configuration>\n';
    expect(isSatisfied(tree(text), entry)).toBe(false);
    const after = apply(text, entry);
    expect(after).toContain('<remove value="negotiate" />\n            <add value="Negotiate" />\n');
    expect(isSatisfied(tree(after), entry)).toBe(true);
    expect(apply(after, entry)).toBe(after);
  });

  it('keys collection entries without regard to case, as IIS does', () => {
    const pool: IisSetting = {
      kind: 'attribute',
      location: '',
      section: 'system.applicationHost/applicationPools',
      element: [{ name: 'add', key: { attribute: 'name', value: 'securityemailgateway' } }],
      attribute: 'enable32BitAppOnWin64',
      value: 'true',
      compare: 'bool',
      schemaDefault: 'false',
    };
    const text =
      '<configuration><system.applicationHost><applicationPools><add name="SecurityEmailGateway"/></applicationPools></system.applicationHost></configuration>';
    const after = tree(apply(text, pool));
    const add = after.root.children[0]!.children[0]!.children;
    expect(add).toHaveLength(1);
    expect(attributeOf(add[0]!, 'enable32BitAppOnWin64')?.value).toBe('true');
  });
});
