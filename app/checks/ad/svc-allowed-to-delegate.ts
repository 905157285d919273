import { nearMisses, sameSpn } from '../../ldap/spn';
import { psLiteral } from '../../scripts/quote';
import type { CheckContext } from '../types';
import { adCheck } from './ad-check';
import { boundServiceAccount, targetForms } from './directory-reads';
import type { ReadFailure } from './read-failure';
import { recordAccount, type RecordedAccount } from './recorded-account';

export type SvcAllowedToDelegateFacts =
  | ReadFailure
  | {
      readonly read: 'ok';
      readonly account: RecordedAccount;
      /** The target SPN as the settings give it, then its other form (short name or FQDN). */
      readonly forms: readonly string[];
    };

async function gather(ctx: CheckContext): Promise<SvcAllowedToDelegateFacts> {
  const own = await boundServiceAccount(ctx);
  if (!own.ok) return own.failure;
  return { read: 'ok', account: recordAccount(own.value.account), forms: targetForms(ctx, own.value.session) };
}

export const svcAllowedToDelegate = adCheck<SvcAllowedToDelegateFacts>({
  id: 'ad.svc-allowed-to-delegate',
  title: 'msDS-AllowedToDelegateTo holds the target SPN',
  dependsOn: ['ad.bind', 'input.target-spn'],
  gather,
  judge(facts) {
    const { account: a, forms } = facts;
    const values = a.allowedToDelegateTo;
    const [target = ''] = forms;
    const evidence = [
      `${a.dn}`,
      `msDS-AllowedToDelegateTo: ${values.length === 0 ? '(none)' : values.join(', ')}`,
      `target SPN: ${target} (forms: ${forms.join(', ')})`,
    ];
    const missing = forms.filter((f) => !values.some((v) => sameSpn(v, f)));
    const misses = nearMisses(values, forms);
    if (misses.length > 0) evidence.push(`near misses (do not count): ${misses.join(', ')}`);
    const addCommand = `Set-ADUser -Identity ${psLiteral(a.samAccountName)} -Add @{'msDS-AllowedToDelegateTo'=@(${missing.map(psLiteral).join(',')})}`;
    if (missing.some((f) => sameSpn(f, target))) {
      return {
        status: 'fail',
        evidence,
        remedy: `Add ${missing.join(' and ')} to the services ${a.samAccountName} may delegate to (Delegation tab, or the command). The KDC compares the exact SPN the SEG asks for${misses.length > 0 ? `; ${misses.join(', ')} ${misses.length === 1 ? 'is' : 'are'} not the same SPN` : ''}.`,
        command: addCommand,
      };
    }
    if (missing.length > 0) {
      return {
        status: 'warn',
        evidence,
        remedy: `The target SPN is there, but not ${missing.join(', ')}: add it too so that delegation works whichever form of the host name is used.`,
        command: addCommand,
      };
    }
    return { status: 'pass', evidence };
  },
});
