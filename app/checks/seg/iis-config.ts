import { defineCheck } from '../define';
import { failed, loadIis, noIis, pathOf, unreadable, type Unreadable } from './seg-copies';

export type IisConfigFacts = Unreadable | { readonly read: 'ok'; readonly path: string; readonly lines: number };

export const iisConfig = defineCheck<IisConfigFacts>({
  id: 'seg.iis-config',
  title: 'SEG applicationHost.config is readable',
  applies: noIis,
  gather: async (ctx) => {
    const iis = await loadIis(ctx);
    if (!iis.ok) return unreadable(iis.error);
    return { read: 'ok', path: pathOf(ctx, ctx.settings.seg.iisConfigPath), lines: iis.value.tree.text.split('\n').length };
  },
  judge: (facts) => (facts.read === 'failed' ? failed(facts) : { status: 'pass', evidence: [`${facts.path}: ${facts.lines} lines, well-formed`] }),
});
