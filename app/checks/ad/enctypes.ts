import { domainSid, groupByRid, isComputer, readAccount, whenCreated, type Account } from '../../ldap/directory';
import { dnsDomainOf } from '../../ldap/dn';
import { describeEnctypes, judgeEnctypes } from '../../ldap/enctypes';
import { psLiteral } from '../../scripts/quote';
import { sessionForDn, type AdSession } from '../run/ad-session';
import type { CheckContext } from '../types';
import { adCheck } from './ad-check';
import { boundServiceAccount, spnOwners, targetForms } from './directory-reads';
import type { ReadFailure } from './read-failure';

export type EnctypesFacts =
  | ReadFailure
  | {
      readonly read: 'ok';
      /** The target SPN as the settings give it. */
      readonly target: string;
      readonly service: EnctypesAccount;
      /** The accounts holding the target SPN, read again at their DN when in the service account's domain. */
      readonly targets: readonly EnctypesAccount[];
      /**
       * Since when this domain makes AES keys (ISO), read only when an account without AES
       * has a password date; null when not needed or not readable.
       */
      readonly aesKeysSince: string | null;
    };

/**
 * An account as facts: only what the judge reads, so that every target has the same shape
 * (the global catalogue answers in no fixed order, and a recording's shape is its first target's).
 */
export interface EnctypesAccount {
  readonly samAccountName: string;
  readonly computer: boolean;
  readonly supportedEnctypes?: number;
  /** ISO; null when it must change at next logon. */
  readonly pwdLastSet?: string | null;
  /**
   * Set when no DC of the account's domain could be read, only the global catalogue's copy,
   * which never holds msDS-SupportedEncryptionTypes: why the DC was not read.
   */
  readonly gcCopy?: { readonly domain: string; readonly why: string };
}

function enctypesAccount(a: Account): EnctypesAccount {
  return {
    samAccountName: a.samAccountName,
    computer: isComputer(a),
    ...(a.supportedEnctypes !== undefined ? { supportedEnctypes: a.supportedEnctypes } : {}),
    ...(a.pwdLastSet !== undefined ? { pwdLastSet: a.pwdLastSet === null ? null : a.pwdLastSet.toISOString() } : {}),
  };
}

/** The RID 521 group (Read-only Domain Controllers) appears when the domain is raised to 2008: keys set before it have no AES. */
const RODC_GROUP_RID = 521;

function aesKeysSince(ctx: CheckContext, s: AdSession): Promise<Date | null> {
  return ctx.memo('ad.aes-since', async () => {
    const sid = await domainSid(s.connection, s.rootDse.defaultNamingContext);
    if (!sid.ok || sid.value === null) return null;
    const group = await groupByRid(s.connection, s.rootDse.defaultNamingContext, sid.value, RODC_GROUP_RID);
    if (!group.ok || group.value === null) return null;
    const created = await whenCreated(s.connection, group.value);
    return created.ok ? created.value : null;
  });
}

/**
 * A target account read again at a DC of its own domain: the GC's partial attribute set lacks
 * msDS-SupportedEncryptionTypes. When no DC of that domain can be read, the GC copy, marked.
 */
async function atItsDc(ctx: CheckContext, s: AdSession, owner: Account): Promise<EnctypesAccount> {
  const gcCopy = (why: string): EnctypesAccount => ({ ...enctypesAccount(owner), gcCopy: { domain: dnsDomainOf(owner.dn), why } });
  const at = await sessionForDn(ctx, s, owner.dn);
  if (!at.ok) return gcCopy(at.error.message);
  const full = await readAccount(at.value.connection, owner.dn);
  if (!full.ok) return gcCopy(full.error.message);
  return full.value === null ? gcCopy(`${owner.dn} is not at ${at.value.domain.dcFqdn}`) : enctypesAccount(full.value);
}

async function gather(ctx: CheckContext): Promise<EnctypesFacts> {
  const own = await boundServiceAccount(ctx);
  if (!own.ok) return own.failure;
  const { session: s, account: service } = own.value;
  const [target = ''] = targetForms(ctx, s);
  const found = await spnOwners(ctx, s, [target]);
  if (!found.ok) return found.failure;
  const targets = await Promise.all(found.value.map((owner) => atItsDc(ctx, s, owner)));
  const dated = [enctypesAccount(service), ...targets].some(
    (a) => a.gcCopy === undefined && judgeEnctypes(a.supportedEnctypes).kind !== 'aes' && typeof a.pwdLastSet === 'string',
  );
  const since = dated ? await aesKeysSince(ctx, s) : null;
  return {
    read: 'ok',
    target,
    service: enctypesAccount(service),
    targets,
    aesKeysSince: since === null ? null : since.toISOString(),
  };
}

export const enctypes = adCheck<EnctypesFacts>({
  id: 'ad.enctypes',
  title: 'Service and target accounts support AES',
  dependsOn: ['ad.bind'],
  gather,
  judge(facts) {
    const { target } = facts;
    const since = facts.aesKeysSince === null ? null : Date.parse(facts.aesKeysSince);
    const predatesAes = (a: EnctypesAccount): boolean => since !== null && typeof a.pwdLastSet === 'string' && Date.parse(a.pwdLastSet) < since;
    const { targets } = facts;
    const rows = [{ role: 'service account', a: facts.service, isTarget: false }, ...targets.map((a) => ({ role: `target ${target}`, a, isTarget: true }))];
    const evidence = rows.map((r) =>
      r.a.gcCopy === undefined
        ? `${r.role} ${r.a.samAccountName}: msDS-SupportedEncryptionTypes ${describeEnctypes(r.a.supportedEnctypes)}`
        : `${r.role} ${r.a.samAccountName}: msDS-SupportedEncryptionTypes not read (the global catalogue does not hold it; ${r.a.gcCopy.why})`,
    );
    if (targets.length === 0) evidence.push(`no account holds ${target} (see ad.target-spn)`);
    const problems: { text: string; fail: boolean; command: string; unread?: true }[] = [];
    for (const { role, a, isTarget } of rows) {
      if (a.gcCopy !== undefined) {
        problems.push({
          text: `${role} ${a.samAccountName} was read only from the global catalogue, whose copy has no msDS-SupportedEncryptionTypes: add ${a.gcCopy.domain.toUpperCase()} with a domain controller under KCD so that it is read there.`,
          fail: false,
          command: `${a.computer ? 'Get-ADComputer' : 'Get-ADUser'} -Identity ${psLiteral(a.samAccountName)} -Server ${psLiteral(a.gcCopy.domain)} -Properties msDS-SupportedEncryptionTypes`,
          unread: true,
        });
        continue;
      }
      const verdict = judgeEnctypes(a.supportedEnctypes);
      if (verdict.kind === 'aes') continue;
      const cmdlet = a.computer ? 'Set-ADComputer' : 'Set-ADUser';
      const reset = predatesAes(a)
        ? a.computer
          ? ` Its password predates AES keys in this domain: reset the machine password (Reset-ComputerMachinePassword on ${a.samAccountName.replace(/\$$/, '')}) so that AES keys exist.`
          : ` Its password predates AES keys in this domain: reset it afterwards (the same password is fine) so that AES keys exist.`
        : '';
      const what =
        verdict.kind === 'unset'
          ? `${role} ${a.samAccountName} has no msDS-SupportedEncryptionTypes: the KDC then issues RC4 tickets for it.`
          : verdict.kind === 'rc4-only'
            ? `${role} ${a.samAccountName} allows RC4 only: a client that offers AES only gets KDC_ERR_ETYPE_NOSUPP, and RC4 is being retired.`
            : verdict.kind === 'des'
              ? `${role} ${a.samAccountName} allows DES, which Windows has disabled since 2008 R2.`
              : `${role} ${a.samAccountName} allows no Kerberos encryption type the KDC can use.`;
      problems.push({
        text: what + reset,
        fail: isTarget ? verdict.kind !== 'unset' : verdict.kind === 'des' || verdict.kind === 'none',
        command: `${cmdlet} -Identity ${psLiteral(a.samAccountName)} -Replace @{'msDS-SupportedEncryptionTypes'=24}`,
      });
    }
    if (problems.length === 0) return { status: 'pass', evidence };
    return {
      status: problems.some((p) => p.fail) ? 'fail' : 'warn',
      evidence,
      remedy: `${problems.map((p) => p.text).join(' ')}${problems.every((p) => p.unread) ? '' : ' Set AES128 + AES256 (24); a keytab exported for the account must be exported again afterwards.'}`,
      command: problems.map((p) => p.command).join('\n'),
    };
  },
});
