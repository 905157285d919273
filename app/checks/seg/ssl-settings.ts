import type { IisPlan } from '../../contract/iis';
import { activeSyncLocation, DEFAULT_IIS_OPTIONS } from '../../iis/iis-options';
import { sslFlagsSetting } from '../../iis/iis-items';
import { observe } from '../../iis/resolve';
import { flagSet } from '../../iis/setting';
import { defineCheck } from '../define';
import type { CheckContext } from '../types';
import { judgePlan, planOf } from './plan-check';
import { failed, loadIis, noIis, unreadable, type Unreadable } from './seg-copies';

export type SslSettingsFacts =
  | Unreadable
  | {
      readonly read: 'ok';
      /** The ActiveSync location, `Site/App`. */
      readonly location: string;
      readonly sslFlags: { readonly effective: string; readonly source: string };
      /** The authentication methods other than certificates enabled there. */
      readonly otherAuthentication: readonly string[];
      /** The SEG plan's items for this check, for when SSL or client certificates are off. */
      readonly plan: IisPlan;
    };

const OTHER_AUTHENTICATION = ['anonymousAuthentication', 'basicAuthentication', 'windowsAuthentication'];

async function gather(ctx: CheckContext): Promise<SslSettingsFacts> {
  const iis = await loadIis(ctx);
  if (!iis.ok) return unreadable(iis.error);
  const location = activeSyncLocation(ctx.settings, DEFAULT_IIS_OPTIONS);
  const flags = observe(iis.value.tree, sslFlagsSetting(location, ''));
  const otherAuthentication = OTHER_AUTHENTICATION.filter(
    (name) =>
      observe(iis.value.tree, {
        kind: 'attribute',
        location,
        section: `system.webServer/security/authentication/${name}`,
        element: [],
        attribute: 'enabled',
        value: 'true',
        compare: 'bool',
        schemaDefault: 'false',
      }).effective.toLowerCase() === 'true',
  );
  return {
    read: 'ok',
    location,
    sslFlags: { effective: flags.effective, source: flags.source },
    otherAuthentication,
    plan: planOf(iis.value.plan, 'seg.ssl-settings'),
  };
}

export const sslSettings = defineCheck<SslSettingsFacts>({
  id: 'seg.ssl-settings',
  title: 'SSL required, client certificates required (or accepted beside other authentication)',
  dependsOn: ['seg.iis-config'],
  applies: noIis,
  gather,
  judge(facts) {
    if (facts.read === 'failed') return failed(facts);
    const set = flagSet(facts.sslFlags.effective);
    const evidence = [`sslFlags at "${facts.location}": ${facts.sslFlags.effective} (${facts.sslFlags.source})`];
    if (!set.has('ssl') || !(set.has('sslnegotiatecert') || set.has('sslrequirecert'))) return judgePlan(facts.plan);
    if (set.has('sslrequirecert')) return { status: 'pass', evidence: [...evidence, 'client certificates: required'] };
    if (facts.otherAuthentication.length > 0)
      return {
        status: 'pass',
        evidence: [...evidence, `client certificates: accepted; other authentication allowed: ${facts.otherAuthentication.join(', ')}`],
      };
    return {
      status: 'warn',
      evidence: [...evidence, 'client certificates: accepted, but no other authentication is enabled'],
      remedy: 'Only certificates authenticate here: set client certificates to Required (guide: Set Up SSL, step 2).',
    };
  },
});
