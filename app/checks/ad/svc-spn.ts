import { nativeArg } from '../../scripts/quote';
import { adCheck } from './ad-check';
import { gatherServiceAccount, type ServiceAccountFacts } from './directory-reads';

export type SvcSpnFacts = ServiceAccountFacts;

export const svcSpn = adCheck<SvcSpnFacts>({
  id: 'ad.svc-spn',
  title: 'Service account has a service principal name',
  dependsOn: ['ad.bind'],
  gather: gatherServiceAccount,
  judge(facts) {
    const a = facts.account;
    const evidence = [`${a.dn}`, `servicePrincipalName: ${a.spns.length === 0 ? '(none)' : a.spns.join(', ')}`];
    if (a.spns.length > 0) return { status: 'pass', evidence };
    const spn = `HTTP/${a.samAccountName}`;
    return {
      status: 'fail',
      evidence,
      remedy: `Give ${a.samAccountName} an SPN (the guide uses ${spn}). AD shows the Delegation tab, and honours constrained delegation, only for accounts with an SPN; the SPN itself is used for nothing else.`,
      command: `setspn -S ${nativeArg(spn)} ${nativeArg(a.samAccountName)}`,
    };
  },
});
