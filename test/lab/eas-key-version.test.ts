/**
 * The server refuses a ticket because its keytab is older than its account's password
 * (issue 19 item 5): the Apache stand-in's computer account gets a new password (kvno + 1)
 * and Apache keeps its keytab. eas.kcd-end-to-end must name the one cause from the ticket's
 * kvno against the account's msDS-KeyVersionNumber, and the kvno the keytab needs.
 */
import { describe, expect, inject, it } from 'vitest';
import { kcdEndToEnd } from '../../app/checks/eas/kcd-end-to-end';
import { KRB_CHECKS } from '../../app/checks/krb';
import { runChecks } from '../../app/checks/runner';
import type { CheckResult } from '../../app/contract/check-result';
import type { Settings } from '../../app/contract/settings';
import { labSecrets, labSettings, labToolEnv } from './lab';
import { run } from './proc';
import { scenarios, settingsFor, withScenario } from './scenarios';
import { ldapsearch } from './tools';

const lab = inject('lab');
const exchange = lab.accounts.exchange.name;

/** msDS-KeyVersionNumber of an account, as the directory says. */
async function accountKvno(account: string): Promise<number> {
  const admin = lab.accounts.administrator;
  const r = await ldapsearch(lab, {
    bindDn: admin.upn,
    password: admin.password,
    base: lab.dc.baseDn,
    filter: `(sAMAccountName=${account})`,
    attrs: ['msDS-KeyVersionNumber'],
  });
  expect(r.code, r.stderr).toBe(0);
  return Number(/^msDS-KeyVersionNumber: (\d+)$/m.exec(r.stdout)?.[1]);
}

/** The kvnos Apache's keytab holds for an SPN (klist -k). */
async function keytabKvnos(spnFqdn: string): Promise<number[]> {
  const r = await run('klist', ['-k', lab.web.keytab], { env: labToolEnv(lab), timeoutMs: 10_000 });
  expect(r.code, r.stderr).toBe(0);
  const spn = `${spnFqdn}@${lab.names.realm}`;
  return [...new Set([...r.stdout.matchAll(/^\s*(\d+) (\S+)$/gm)].filter((m) => m[2] === spn).map((m) => Number(m[1])))];
}

/** The Kerberos chain and eas.kcd-end-to-end under these settings; eas.kcd-end-to-end's result, which must fail. */
async function endToEnd(settings: Settings): Promise<CheckResult> {
  const results = await runChecks([...KRB_CHECKS, kcdEndToEnd], { settings, secrets: labSecrets(lab), baseDir: lab.dir });
  const r = results.find((x) => x.id === 'eas.kcd-end-to-end');
  if (r === undefined) throw new Error('eas.kcd-end-to-end did not run');
  expect(r.status, JSON.stringify(r, null, 1)).toBe('fail');
  expect(r.remedy).not.toMatch(/Likely causes/);
  return r;
}

describe('eas.kcd-end-to-end: the ticket kvno against the account holding the SPN', () => {
  it("serverKeytabStale: names the server's stale keytab and the kvno it needs", async () => {
    const before = await accountKvno(exchange);
    expect(await keytabKvnos(lab.kerberos.targetSpnFqdn)).toEqual([before]);
    await withScenario(lab, scenarios.serverKeytabStale, async () => {
      const now = await accountKvno(exchange);
      expect(now).toBe(before + 1);
      expect(await keytabKvnos(lab.kerberos.targetSpnFqdn)).toEqual([before]);
      const r = await endToEnd(labSettings(lab));
      expect(r.evidence).toEqual(
        expect.arrayContaining([
          'HTTP status: 401',
          `ticket encrypted with its key: aes256-cts-hmac-sha1-96, kvno ${now}`,
          `${exchange}'s current key: kvno ${now} (msDS-KeyVersionNumber), msDS-SupportedEncryptionTypes 24 = 0x18 (AES128-CTS-HMAC-SHA1-96, AES256-CTS-HMAC-SHA1-96)`,
          `the ticket's kvno ${now} is ${exchange}'s current key version`,
        ]),
      );
      expect(r.remedy).toContain(`the ticket's kvno ${now} is the account's current key version (msDS-KeyVersionNumber ${now}, password set `);
      expect(r.remedy).toContain(`so its keytab is stale, older than the account's password. It needs kvno ${now} (aes256-cts-hmac-sha1-96) of ${exchange}.`);
      expect(r.command).toContain(`klist -k shows kvno ${now}`);
    });
  });

  it('rc4TargetKeytabNotExported: an RC4 ticket of the current kvno, which the AES-only keytab lacks', async () => {
    const kvno = await accountKvno(exchange);
    await withScenario(lab, scenarios.rc4TargetKeytabNotExported, async () => {
      const keytab = await run('klist', ['-k', '-e', lab.web.keytab], { env: labToolEnv(lab), timeoutMs: 10_000 });
      expect(keytab.stdout).toContain(`${kvno} ${lab.kerberos.targetSpnFqdn}@${lab.names.realm} (aes256-cts-hmac-sha1-96)`);
      expect(keytab.stdout).not.toMatch(/arcfour|rc4/);
      const r = await endToEnd(labSettings(lab));
      expect(r.evidence).toEqual(
        expect.arrayContaining([`ticket encrypted with its key: rc4-hmac, kvno ${kvno}`, `the ticket's kvno ${kvno} is ${exchange}'s current key version`]),
      );
      expect(r.remedy).toContain(
        `so its keytab is stale: older than the account's password, or made before the account's encryption types included rc4-hmac (a keytab holds only the types listed when it was made). It needs kvno ${kvno} (rc4-hmac) of ${exchange}.`,
      );
    });
  });

  it('asaPasswordRolledWithoutKeytab: the ASA was rolled, the array members need its new kvno', async () => {
    const asa = lab.accounts.asa.name;
    const before = await accountKvno(asa);
    await withScenario(lab, scenarios.asaPasswordRolledWithoutKeytab, async () => {
      const now = await accountKvno(asa);
      expect(now).toBe(before + 1);
      expect(await keytabKvnos(lab.kerberos.casSpn)).toEqual([before]);
      const r = await endToEnd(settingsFor(lab, scenarios.asaPasswordRolledWithoutKeytab));
      expect(r.evidence).toContain(`the ticket's kvno ${now} is ${asa}'s current key version`);
      expect(r.remedy).toMatch(new RegExp(`^The alternate service account ${asa.replace('$', '\\$')} holds `));
      expect(r.remedy).toContain(`Roll it out to every array member. It needs kvno ${now} (aes256-cts-hmac-sha1-96) of ${asa}.`);
    });
  });

  it("targetSpnOnWrongAccount: the ticket's kvno is the user account's, which proves whose key it carries", async () => {
    const svc = lab.accounts.service.name;
    await withScenario(lab, scenarios.targetSpnOnWrongAccount, async () => {
      const kvno = await accountKvno(svc);
      const r = await endToEnd(labSettings(lab));
      expect(r.evidence).toEqual(
        expect.arrayContaining([
          `ticket encrypted with its key: aes256-cts-hmac-sha1-96, kvno ${kvno}`,
          `the ticket's kvno ${kvno} is ${svc}'s current key version`,
        ]),
      );
      expect(r.remedy).toMatch(new RegExp(`^${lab.kerberos.targetSpn} sits on the user account ${svc}`));
    });
  });
});
