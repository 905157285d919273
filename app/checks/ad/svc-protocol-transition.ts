import { describeUac, hasUac } from '../../ldap/uac';
import { psLiteral } from '../../scripts/quote';
import { adCheck } from './ad-check';
import { gatherServiceAccount, type ServiceAccountFacts } from './directory-reads';

export type SvcProtocolTransitionFacts = ServiceAccountFacts;

export const svcProtocolTransition = adCheck<SvcProtocolTransitionFacts>({
  id: 'ad.svc-protocol-transition',
  title: 'Service account may use any authentication protocol (protocol transition)',
  dependsOn: ['ad.bind'],
  gather: gatherServiceAccount,
  judge(facts) {
    const a = facts.account;
    const uac = a.userAccountControl ?? 0;
    const evidence = [`${a.dn}`, `userAccountControl: ${describeUac(uac)}`];
    const id = psLiteral(a.samAccountName);
    if (!hasUac(uac, 'TRUSTED_TO_AUTH_FOR_DELEGATION')) {
      return {
        status: 'fail',
        evidence,
        remedy: `${a.samAccountName} lacks TRUSTED_TO_AUTH_FOR_DELEGATION (0x1000000): without "Use any authentication protocol" the KDC issues a non-forwardable S4U2Self ticket and S4U2Proxy fails with KDC_ERR_BADOPTION. On the Delegation tab choose "Trust this user for delegation to specified services only" and "Use any authentication protocol".`,
        command: `Set-ADAccountControl -Identity ${id} -TrustedToAuthForDelegation $true`,
      };
    }
    if (hasUac(uac, 'TRUSTED_FOR_DELEGATION')) {
      return {
        status: 'warn',
        evidence,
        remedy: `${a.samAccountName} is also trusted for unconstrained delegation (TRUSTED_FOR_DELEGATION): it may then impersonate users to any service. KCD needs only the constrained form.`,
        command: `Set-ADAccountControl -Identity ${id} -TrustedForDelegation $false`,
      };
    }
    return { status: 'pass', evidence };
  },
});
