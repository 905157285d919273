import { describe, expect, it } from 'vitest';
import { kcdEndToEnd, type KcdEndToEndFacts } from '../../../../app/checks/eas/kcd-end-to-end';
import type { SpnHolderFacts } from '../../../../app/checks/eas/key-holder';
import { recordedFacts } from '../../../support/facts';
import { recordedOutcome } from '../recorded-outcome';

const facts = (scenario: string) => recordedFacts<KcdEndToEndFacts>(scenario, 'eas.kcd-end-to-end');
const answered = (scenario: string) => recordedOutcome<KcdEndToEndFacts, 'answered'>(scenario, 'eas.kcd-end-to-end', 'answered');

describe('eas.kcd-end-to-end judge, from facts recorded in the lab', () => {
  it('passes when ActiveSync accepts the ticket and proves itself with an AP-REP', () => {
    const f = answered('healthy');
    const outcome = kcdEndToEnd.judge(f);
    expect(outcome).toEqual({
      status: 'pass',
      evidence: [
        `request: OPTIONS https://semail01.se.airwlab.com:443/Microsoft-Server-ActiveSync (address ${f.address} from network.hosts)`,
        'ticket: alice@SE.AIRWLAB.COM to HTTP/semail01@SE.AIRWLAB.COM, Authorization: Negotiate (SPNEGO)',
        'HTTP status: 200',
        'MS-ASProtocolVersions: 2.0,2.1,2.5,12.0,12.1,14.0,14.1,16.0,16.1',
        'server reports the user as: alice@SE.AIRWLAB.COM',
        'mutual authentication: AP-REP verified with the ticket session key (the server decrypted the ticket)',
      ],
    });
  });

  it('fails when the server offers no Negotiate, with the command that turns Windows authentication on', () => {
    const outcome = kcdEndToEnd.judge(facts('negotiateNotOffered'));
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^The server does not offer Negotiate on \/Microsoft-Server-ActiveSync/),
      command: expect.stringContaining('-WindowsAuthEnabled $true'),
    });
    expect(outcome.evidence).toContain('offered: Basic');
  });

  // A 401 to a ticket the KDC issued: the server lacks the key of the SPN's holder. The holder names the one cause.
  const refused = (scenario: string) => {
    const f = answered(scenario);
    const outcome = kcdEndToEnd.judge(f);
    if (outcome.status !== 'fail') throw new Error(`${scenario}: expected a failure`);
    expect(outcome.evidence).toContain('mutual authentication: not verified (The server rejected the SPNEGO negotiation (negState reject).)');
    expect(outcome.remedy).not.toMatch(/Likely causes/);
    return { f, outcome };
  };

  it('targetSpnOnWrongAccount: names the user account holding the SPN, the key the ticket needs, and the setspn that moves it back', () => {
    const { f, outcome } = refused('targetSpnOnWrongAccount');
    expect(outcome.evidence).toContain(
      `account holding HTTP/semail01: aw_KCDsvc (user account, password set ${f.keyHolder?.read === 'ok' ? f.keyHolder.holders[0]?.pwdLastSet : ''})`,
    );
    expect(outcome.evidence).toContain(`ticket encrypted with its key: aes256-cts-hmac-sha1-96, kvno ${f.ticketKvno}`);
    expect(outcome.remedy).toBe(
      `HTTP/semail01 sits on the user account aw_KCDsvc, so the KDC encrypted the ticket with aw_KCDsvc's key (aes256-cts-hmac-sha1-96, kvno ${f.ticketKvno}); the server at semail01.se.airwlab.com decrypts with the key of its own computer account or of its alternate service account. Move the SPN back to the account the server uses.`,
    );
    expect(outcome.command).toBe("setspn -D HTTP/semail01 aw_KCDsvc\nsetspn -S HTTP/semail01 <the server's computer account or ASA>");
  });

  it('asaPasswordRolledWithoutKeytab: names the ASA whose current key the servers lack, and the roll-out to the array', () => {
    const { outcome } = refused('asaPasswordRolledWithoutKeytab');
    expect(outcome.evidence?.join('\n')).toMatch(/^account holding HTTP\/mail: EXCHASA\$ \(computer account, password set 20\d\d-/m);
    expect(outcome.remedy).toMatch(
      /^The alternate service account EXCHASA\$ holds HTTP\/mail and the KDC encrypted the ticket with its current key \(aes256-cts-hmac-sha1-96, kvno \d+, password set [^)]*\); the server refused it, so the server does not have the ASA's current password: it was rolled without being deployed to the servers/,
    );
    expect(outcome.remedy).toMatch(/Roll it out to every array member\. It needs kvno \d+ \(aes256-cts-hmac-sha1-96\) of EXCHASA\$\.$/);
    expect(outcome.command).toBe(
      ".\\RollAlternateServiceAccountPassword.ps1 -ToArrayMembers 'mail.se.airwlab.com' -GenerateNewPasswordFor 'SE\\EXCHASA$' -Verbose",
    );
  });

  it("the server's own computer account holds the SPN, its key unread: its keytab is older than its password", () => {
    const f = answered('targetSpnOnWrongAccount');
    const holders = [
      {
        samAccountName: 'SEMAIL01$',
        dn: 'CN=SEMAIL01,CN=Computers,DC=se,DC=airwlab,DC=com',
        computer: true,
        dnsHostName: 'SEMAIL01.se.airwlab.com',
        pwdLastSet: '2026-12-03T15:00:00.000Z',
        keys: { read: 'failed', message: 'LDAP timeout' },
      },
    ] as const;
    const outcome = kcdEndToEnd.judge({ ...f, keyHolder: { read: 'ok', holders } });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: `The server's own computer account SEMAIL01$ holds HTTP/semail01 and the KDC encrypted the ticket with its current key (aes256-cts-hmac-sha1-96, kvno ${f.ticketKvno}, password set 2026-12-03T15:00:00.000Z); the server refused it, so the key it holds is older: its keytab was not updated after the account's password changed.`,
      command: expect.stringMatching(/^Get-ADComputer -Identity 'SEMAIL01\$' -Properties pwdLastSet,msDS-KeyVersionNumber/),
    });
    expect(outcome.evidence).toContain("SEMAIL01$'s current key: unknown (LDAP timeout)");
  });

  it("serverKeytabStale: the ticket carries the account's current kvno, so the keytab is stale: names the kvno it needs", () => {
    const { f, outcome } = refused('serverKeytabStale');
    const kvno = f.ticketKvno;
    expect(kvno).toBeGreaterThan(1);
    const holder = f.keyHolder?.read === 'ok' ? f.keyHolder.holders[0] : undefined;
    expect(holder?.keys).toEqual({ read: 'ok', kvno, supportedEnctypes: 24 });
    expect(outcome.evidence).toEqual(
      expect.arrayContaining([
        `ticket encrypted with its key: aes256-cts-hmac-sha1-96, kvno ${kvno}`,
        `SEMAIL01$'s current key: kvno ${kvno} (msDS-KeyVersionNumber), msDS-SupportedEncryptionTypes 24 = 0x18 (AES128-CTS-HMAC-SHA1-96, AES256-CTS-HMAC-SHA1-96)`,
        `the ticket's kvno ${kvno} is SEMAIL01$'s current key version`,
      ]),
    );
    expect(outcome.remedy).toBe(
      `The server's own computer account SEMAIL01$ holds HTTP/semail01 and the ticket's kvno ${kvno} is the account's current key version (msDS-KeyVersionNumber ${kvno}, password set ${holder?.pwdLastSet}); the server refused it, so its keytab is stale, older than the account's password. It needs kvno ${kvno} (aes256-cts-hmac-sha1-96) of SEMAIL01$. Give the server the current key: export its keytab again (on Windows, repair the computer's secure channel, which stores the machine password).`,
    );
    expect(outcome.command).toBe(
      `Test-ComputerSecureChannel -Repair -Verbose   # on semail01.se.airwlab.com; a server with a keytab: export it again and check that klist -k shows kvno ${kvno}`,
    );
  });

  it('rc4TargetKeytabNotExported: an RC4 ticket of the current kvno: the keytab lacks that key, older or made before RC4 was listed', () => {
    const { f, outcome } = refused('rc4TargetKeytabNotExported');
    const kvno = f.ticketKvno;
    const holder = f.keyHolder?.read === 'ok' ? f.keyHolder.holders[0] : undefined;
    expect(holder?.keys).toEqual({ read: 'ok', kvno, supportedEnctypes: 4 });
    expect(outcome.evidence).toEqual(
      expect.arrayContaining([
        `ticket encrypted with its key: rc4-hmac, kvno ${kvno}`,
        `SEMAIL01$'s current key: kvno ${kvno} (msDS-KeyVersionNumber), msDS-SupportedEncryptionTypes 4 = 0x4 (RC4-HMAC)`,
        `the ticket's kvno ${kvno} is SEMAIL01$'s current key version`,
      ]),
    );
    expect(outcome.remedy).toBe(
      `The server's own computer account SEMAIL01$ holds HTTP/semail01 and the ticket's kvno ${kvno} is the account's current key version (msDS-KeyVersionNumber ${kvno}, password set ${holder?.pwdLastSet}); the server refused it, so its keytab is stale: older than the account's password, or made before the account's encryption types included rc4-hmac (a keytab holds only the types listed when it was made). It needs kvno ${kvno} (rc4-hmac) of SEMAIL01$. Give the server the current key: export its keytab again (on Windows, repair the computer's secure channel, which stores the machine password).`,
    );
  });

  it("targetSpnOnWrongAccount: the ticket's kvno is the user account's current one, which proves whose key it is", () => {
    const { f, outcome } = refused('targetSpnOnWrongAccount');
    expect(outcome.evidence).toContain(`the ticket's kvno ${f.ticketKvno} is aw_KCDsvc's current key version`);
  });

  /** The stale-keytab facts with the holder's keys (and the ticket) changed. */
  const staleWith = (keys: SpnHolderFacts['keys'], ticket: { ticketEtype?: number; ticketKvno?: number } = {}) => {
    const f = answered('serverKeytabStale');
    if (f.keyHolder?.read !== 'ok') throw new Error('serverKeytabStale: no key holder recorded');
    const [holder] = f.keyHolder.holders;
    const outcome = kcdEndToEnd.judge({ ...f, ...ticket, keyHolder: { read: 'ok', holders: [{ ...holder!, keys }] } });
    if (outcome.status !== 'fail') throw new Error('expected a failure');
    return outcome;
  };

  it('the account holds a newer kvno than the ticket: the password changed after issue, or replication lags', () => {
    const outcome = staleWith({ read: 'ok', kvno: 9, supportedEnctypes: 24 }, { ticketKvno: 8 });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(
        /^The KDC encrypted the ticket with kvno 8 of SEMAIL01\$, but the directory now holds kvno 9: SEMAIL01\$'s password changed after the ticket was issued/,
      ),
      command: 'repadmin /showrepl',
    });
    expect(outcome.evidence).toContain("the ticket's kvno 8 is not SEMAIL01$'s current key version (9)");
  });

  it("the ticket's etype is not among the account's types: a keytab of the listed types cannot decrypt it", () => {
    const outcome = staleWith({ read: 'ok', kvno: 2, supportedEnctypes: 24 }, { ticketEtype: 23, ticketKvno: 2 });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(
        /^The KDC encrypted the ticket for HTTP\/semail01 with rc4-hmac, which SEMAIL01\$'s msDS-SupportedEncryptionTypes \(24 = 0x18 \(AES128-CTS-HMAC-SHA1-96, AES256-CTS-HMAC-SHA1-96\)\) does not list: a keytab made for the listed types holds no rc4-hmac key/,
      ),
      command:
        "Get-ADObject -Identity 'CN=SEMAIL01,CN=Computers,DC=se,DC=airwlab,DC=com' -Properties msDS-KeyVersionNumber,msDS-SupportedEncryptionTypes,pwdLastSet",
    });
    expect(outcome.evidence).toContain("ticket etype rc4-hmac is not among SEMAIL01$'s types (aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha1-96)");
  });

  it('msDS-SupportedEncryptionTypes unset: the etype is not compared (the KDC default applies), the kvno is', () => {
    const outcome = staleWith({ read: 'ok', kvno: 2 }, { ticketEtype: 23, ticketKvno: 2 });
    expect(outcome.evidence).toContain("SEMAIL01$'s current key: kvno 2 (msDS-KeyVersionNumber), msDS-SupportedEncryptionTypes not set");
    expect(outcome.remedy).toMatch(/It needs kvno 2 \(rc4-hmac\) of SEMAIL01\$\./);
  });

  it.each([
    [
      'the DC returned no kvno',
      { read: 'ok', supportedEnctypes: 24 } as const,
      {},
      "kvno not compared: the DC did not return SEMAIL01$'s msDS-KeyVersionNumber",
    ],
    [
      'the ticket has no kvno',
      { read: 'ok', kvno: 2, supportedEnctypes: 24 } as const,
      { ticketKvno: undefined },
      'kvno not compared: the ticket carries no kvno',
    ],
    ['the key read failed', { read: 'failed', message: 'LDAP timeout' } as const, {}, "SEMAIL01$'s current key: unknown (LDAP timeout)"],
    [
      "the holder is another domain's",
      { read: 'not-found' } as const,
      {},
      "SEMAIL01$'s current key: unknown (the bound DC has no entry CN=SEMAIL01,CN=Computers,DC=se,DC=airwlab,DC=com (another domain's account))",
    ],
  ])('%s: says why the kvno was not compared, and keeps the cause without a kvno', (_name, keys, ticket, line) => {
    const outcome = staleWith(keys, ticket);
    expect(outcome.evidence).toContain(line);
    expect(outcome.remedy).toMatch(/its keytab was not updated after the account's password changed\.$/);
    expect(outcome.command).toMatch(/^Get-ADComputer -Identity 'SEMAIL01\$'/);
  });

  it('the SPN on several accounts: names them all', () => {
    const f = answered('targetSpnOnWrongAccount');
    const holders = [
      { samAccountName: 'aw_KCDsvc', dn: 'CN=aw_KCDsvc,CN=Users,DC=se,DC=airwlab,DC=com', computer: false, keys: { read: 'ok', kvno: 2 } },
      { samAccountName: 'SEMAIL01$', dn: 'CN=SEMAIL01,CN=Computers,DC=se,DC=airwlab,DC=com', computer: true, keys: { read: 'ok', kvno: 2 } },
    ] as const;
    const outcome = kcdEndToEnd.judge({ ...f, keyHolder: { read: 'ok', holders } });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^HTTP\/semail01 is on 2 accounts \(aw_KCDsvc, SEMAIL01\$\)/),
      command: 'setspn -X -F',
    });
    expect(outcome.evidence).toContain('account holding HTTP/semail01: aw_KCDsvc (user account); SEMAIL01$ (computer account)');
  });

  it.each([
    ['the directory could not be read', { read: 'failed', message: 'LDAP timeout' } as const, 'the directory could not be read (LDAP timeout)'],
    ['no account holds it', { read: 'ok', holders: [] } as const, 'no account in the global catalogue holds HTTP/semail01'],
    ['the directory was not read', undefined, 'the directory was not read'],
  ])("%s: 'likely causes', saying no check could see whose key the ticket needs", (_name, keyHolder, why) => {
    const { keyHolder: _, ...f } = answered('targetSpnOnWrongAccount');
    const outcome = kcdEndToEnd.judge(keyHolder === undefined ? f : { ...f, keyHolder });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(
        new RegExp(
          `^The server refused the Kerberos ticket for HTTP/semail01@SE\\.AIRWLAB\\.COM\\. No check could see whose key the ticket needs \\(${why.replace(/[()]/g, '\\$&')}\\), so the cause is a guess\\. Likely causes: `,
        ),
      ),
      command: 'setspn -Q HTTP/semail01',
    });
    expect(outcome.evidence).toContain(`account holding HTTP/semail01: unknown (${why})`);
  });

  it('fails with the connection test when the TLS name does not match', () => {
    const outcome = kcdEndToEnd.judge(facts('easTlsWrongName'));
    expect(outcome).toMatchObject({ status: 'fail', command: 'Test-NetConnection semail01.se.airwlab.com -Port 443' });
    expect(outcome.evidence?.join('\n')).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it('fails on a status other than 2xx or 401', () => {
    const outcome = kcdEndToEnd.judge({ ...answered('healthy'), status: 500 });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: 'The server answered 500 to an authenticated OPTIONS request on /Microsoft-Server-ActiveSync; ActiveSync should answer 200.',
    });
  });

  it('fails when the server accepted the request as another user', () => {
    const outcome = kcdEndToEnd.judge({ ...answered('healthy'), remoteUser: 'bob@SE.AIRWLAB.COM' });
    expect(outcome).toMatchObject({ status: 'fail', remedy: 'The server accepted the request as bob@SE.AIRWLAB.COM, not as alice@SE.AIRWLAB.COM.' });
    expect(outcome.evidence).toContain('server reports the user as: bob@SE.AIRWLAB.COM');
  });

  it('passes when the server names the same user in other case', () => {
    expect(kcdEndToEnd.judge({ ...answered('healthy'), remoteUser: 'ALICE@se.airwlab.com' }).status).toBe('pass');
  });

  it('warns when the server accepted the ticket without mutual authentication', () => {
    const outcome = kcdEndToEnd.judge({ ...answered('healthy'), mutual: { verified: false, reason: 'the server sent no Negotiate reply token (no AP-REP)' } });
    expect(outcome).toMatchObject({ status: 'warn', remedy: expect.stringMatching(/did not prove itself with an AP-REP/) });
  });

  it('says when a 401 offered nothing at all', () => {
    const outcome = kcdEndToEnd.judge({ ...answered('negotiateNotOffered'), offered: [] });
    expect(outcome.evidence).toContain('offered: (nothing)');
  });

  it('falls back to default remedies when the error carries none', () => {
    const f = facts('easTlsWrongName');
    if (f.outcome !== 'no-answer') throw new Error('expected no-answer');
    expect(kcdEndToEnd.judge({ ...f, failure: { code: 'EAS_HTTP_FAILED', message: 'reset' } })).toMatchObject({ remedy: 'Check the email server settings.' });
  });

  it("fails with the resolver's words when the email host does not resolve", () => {
    const failure = { code: 'NET_DNS_NXDOMAIN', message: 'semail01 does not resolve.', remedy: 'Pin it under network.hosts.' };
    expect(kcdEndToEnd.judge({ outcome: 'unresolved', host: 'semail01', failure })).toEqual({
      status: 'fail',
      evidence: ['error: NET_DNS_NXDOMAIN', 'semail01 does not resolve.'],
      remedy: 'Pin it under network.hosts.',
    });
    expect(kcdEndToEnd.judge({ outcome: 'unresolved', host: 'semail01', failure: { code: 'X', message: 'y' } })).toMatchObject({
      remedy: 'Check that semail01 resolves, or pin it under network.hosts.',
    });
  });

  it('skips without an S4U2Proxy ticket', () => {
    expect(kcdEndToEnd.judge({ outcome: 'no-ticket' })).toEqual({ status: 'skip', reason: 'krb.s4u2proxy provided no ticket' });
  });
});
