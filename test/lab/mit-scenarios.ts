/**
 * Breakages of the MIT two-realm lab (mit-realms.ts), each returning its undo: the trust
 * (removed, or keys that differ on the two sides), the delegation (target not allowed,
 * protocol transition off) and realm B's KDC down. Undos restore exactly the lab's state.
 */
import { AES, CROSS_REALM_PW, kadmin, ldapModify, principalDn, startKdc, type MitRealmsLab } from './mit-realms';
import { stopProcess, waitForPort } from './proc';
import type { Undo } from './scenarios';

export interface MitScenario {
  readonly title: string;
  apply(lab: MitRealmsLab): Promise<Undo>;
}

/** krbtgt/B@A as the lab made it: deleting and adding it again gives kvno 1, as on B's side. */
async function recreateReferralKey(lab: MitRealmsLab): Promise<void> {
  const name = `krbtgt/${lab.b.realm}@${lab.a.realm}`;
  await kadmin(lab, lab.a, `delprinc -force ${name}`);
  await kadmin(lab, lab.a, `addprinc -pw ${CROSS_REALM_PW} -e ${AES} ${name}`);
}

export const mitScenarios = {
  trustRemoved: {
    title: 'realm A has no cross-realm key for B (krbtgt/B@A deleted): A cannot refer anyone to B',
    async apply(lab) {
      await kadmin(lab, lab.a, `delprinc -force krbtgt/${lab.b.realm}@${lab.a.realm}`);
      return async () => {
        await kadmin(lab, lab.a, `addprinc -pw ${CROSS_REALM_PW} -e ${AES} krbtgt/${lab.b.realm}@${lab.a.realm}`);
      };
    },
  },
  crossRealmKeyMismatch: {
    title: 'krbtgt/B@A has another key in A than in B (trust password changed on one side only)',
    async apply(lab) {
      await kadmin(lab, lab.a, `cpw -pw Another!Key9 krbtgt/${lab.b.realm}@${lab.a.realm}`);
      return () => recreateReferralKey(lab);
    },
  },
  delegationTargetMissing: {
    title: "the service account's krbAllowedToDelegateTo lacks the target",
    async apply(lab) {
      const dn = principalDn(lab.a, lab.service.principal);
      await ldapModify(lab, `dn: ${dn}\nchangetype: modify\ndelete: krbAllowedToDelegateTo\n`);
      return async () => {
        await ldapModify(lab, `dn: ${dn}\nchangetype: modify\nadd: krbAllowedToDelegateTo\nkrbAllowedToDelegateTo: ${lab.target.principal}\n`);
      };
    },
  },
  protocolTransitionOff: {
    title: 'the service account may not use protocol transition (ok_to_auth_as_delegate cleared)',
    async apply(lab) {
      await kadmin(lab, lab.a, `modprinc -ok_to_auth_as_delegate ${lab.service.name}`);
      return async () => {
        await kadmin(lab, lab.a, `modprinc +ok_to_auth_as_delegate ${lab.service.name}`);
      };
    },
  },
  realmBDown: {
    title: "realm B's KDC does not answer",
    async apply(lab) {
      await stopProcess(lab.pids.kdcB);
      return async () => {
        lab.pids.kdcB = startKdc(lab, lab.b);
        await waitForPort(lab.b.address, 88, 10_000, lab.pids.kdcB);
      };
    },
  },
} satisfies Record<string, MitScenario>;
