import { describe, expect, it } from 'vitest';
import { remedyFieldsOf } from '../../../app/checks/remedy-fields';
import { runChecks } from '../../../app/checks/runner';
import { realm } from '../../../app/checks/input/realm';
import { fieldsNotNamed } from '../../../app/contract/check-result';
import { emptySettings } from '../../../app/contract/settings';
import { renderTable } from '../../../app/cli/table';
import { renderHtmlReport } from '../../../app/report/html-report';
import { buildReport } from '../../../app/report/json-report';
import { standIn } from '../../support/check-ids';

// Issue 20, item 8: a remedy names a setting by its path; the result lists those paths so the wizard can link them.
describe('remedyFieldsOf', () => {
  it('finds the settings paths a remedy names, in order, each once', () => {
    expect(remedyFieldsOf('Create the DNS record for x, or pin it to an address in network.hosts.')).toEqual(['network.hosts']);
    expect(remedyFieldsOf('Raise network.timeoutMs, or pin the name in network.hosts; network.hosts again.')).toEqual(['network.timeoutMs', 'network.hosts']);
    expect(remedyFieldsOf('Fix kcd.domains.1.realm and kcd.domains.1.dcHost.')).toEqual(['kcd.domains.1.realm', 'kcd.domains.1.dcHost']);
    expect(remedyFieldsOf('No copy is set (settings seg.iisConfigPath)')).toEqual(['seg.iisConfigPath']);
  });

  it('takes no check id, file name or longer word for a path', () => {
    expect(remedyFieldsOf('See seg.iis-config and uem.api; the email.hostname field; xnetwork.hosts; see net.paths.')).toEqual([]);
  });

  it('adds the fields a check names apart from its words, a pin as the list of pins', () => {
    expect(remedyFieldsOf('In the KCD step: must be upper case.', ['kcd.domains.0.realm', 'network.hosts.sedc01.se.airwlab.com', 'secrets.password'])).toEqual([
      'kcd.domains.0.realm',
      'network.hosts',
    ]);
  });
});

describe('a result names the settings of its fix', () => {
  it('the runner fills remedyFields from the remedy, the skip reason and an input check’s fields', async () => {
    const settings = { ...emptySettings(), kcd: { ...emptySettings().kcd, domains: [{ realm: 'se.airwlab.com', dcHost: 'sedc01' }] } };
    const results = await runChecks(
      [
        realm,
        { id: standIn('a.dns'), title: 'dns', run: async () => ({ status: 'fail', evidence: [], remedy: 'Pin it in network.hosts.' }) },
        { id: standIn('a.seg'), title: 'seg', run: async () => ({ status: 'skip', reason: 'No copy is set (settings seg.folder)' }) },
        { id: standIn('a.ok'), title: 'ok', run: async () => ({ status: 'pass', evidence: [] }) },
      ],
      { settings, secrets: {}, baseDir: '/' },
    );
    expect(results.map((r) => r.remedyFields)).toEqual([['kcd.domains.0.realm'], ['network.hosts'], ['seg.folder'], []]);
    // The words stay what the CLI's JSON always said; the realm's field is not in them, so the faces list it after them.
    expect(results[0]?.remedy).toMatch(/^In the KCD step: /);
    expect(fieldsNotNamed(results[0]!)).toEqual(['kcd.domains.0.realm']);
    expect(fieldsNotNamed(results[1]!)).toEqual([]);
    const table = renderTable(results, { colour: false });
    expect(table).toContain('  settings: kcd.domains.0.realm\n');
    expect(table).toContain('  fix:      Pin it in network.hosts.\n');
    expect(table.match(/settings: /g)).toHaveLength(1);
    // The HTML report lists the fields the words leave out after the fix, as the table does.
    const html = renderHtmlReport({ report: buildReport(settings, new Date(), results), chain: [] });
    expect(html).toContain('<p><b>Settings:</b> <code>kcd.domains.0.realm</code></p>');
    expect(html.match(/<b>Settings:<\/b>/g)).toHaveLength(1);
  });
});
