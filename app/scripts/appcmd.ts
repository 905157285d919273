import type { Result } from '../contract/result';
import type { IisPlan, IisSetting } from '../contract/iis';
import { Quoter } from './quote';

export const APPCMD = '%windir%\\system32\\inetsrv\\appcmd.exe';

function elementPath(setting: IisSetting, q: Quoter): string {
  // appcmd addresses a collection entry by its key alone: [name='SEGPool'], not add[name=…].
  return setting.element.map((step) => (step.key ? `[${step.key.attribute}='${q.appcmdKey(step.key.value)}']` : step.name)).join('.');
}

/**
 * The switch that changes one setting. A key in the path (`[name='…']`) holds a name read from
 * applicationHost.config, such as an application pool's, so the whole switch is one cmd
 * argument, quoted: `"/[name='P&x'].autoStart:true"`; `%`, `!` and `"` are refused (cmdQuote).
 */
function change(setting: IisSetting, q: Quoter): string {
  const path = elementPath(setting, q);
  const prefix = path === '' ? '' : `${path}.`;
  if (setting.kind === 'entry') return `/+${q.cmd(`${prefix}[${setting.entry.attribute}='${q.appcmdKey(setting.entry.value)}']`)}`;
  return path.includes('[') ? q.cmd(`/${prefix}${setting.attribute}:${setting.value}`) : `/${prefix}${setting.attribute}:${q.cmd(setting.value)}`;
}

function command(setting: IisSetting, q: Quoter): string {
  const where = setting.location === '' ? '' : ` ${q.cmd(setting.location)}`;
  // /commit:apphost writes the <location> block into applicationHost.config: these sections are locked for web.config.
  return `${APPCMD} set config${where} -section:${setting.section} ${change(setting, q)} /commit:apphost`;
}

/**
 * The plan's pending items as appcmd commands, for an administrator on the Windows server:
 * an IIS configuration backup first, then one command per item, in plan order.
 */
export function appcmdCommands(plan: IisPlan): Result<string[]> {
  const q = new Quoter();
  const pending = plan.items.filter((item) => item.state === 'change');
  const lines = pending.map((item) => command(item.setting, q));
  return q.finish(() => (lines.length === 0 ? [] : [`${APPCMD} add backup`, ...lines, ...(plan.server === 'seg' ? ['iisreset'] : [])]));
}
