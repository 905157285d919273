/**
 * One function per misconfiguration the product must catch, each returning its undo.
 * Every scenario takes the LabInfo of a running lab, changes the real servers (directory,
 * CA files, Apache, the KDC's clock) and hands back an Undo that restores exactly what it
 * found (attribute values are snapshotted first). Undo is safe to call twice and after a
 * failed apply; call it in `finally`, or use withScenario:
 *
 *   await withScenario(lab, scenarios.protocolTransitionOff, async () => {
 *     const result = await runCheck('ad.svc-protocol-transition', labSettings(lab));
 *     expect(result.status).toBe('fail');
 *   });
 *
 * `catches` names exactly the checks (product.md ids) that fail or warn while it is applied,
 * when the whole catalogue runs with settingsFor(lab, scenario); the checks that depend on
 * them are skipped, naming the cause. scenario-catalogue.test.ts holds every scenario to it.
 */
import { copyFile, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { editDirectory, readEntry, UAC, type DirChange, type DirOp } from './directory';
import type { CheckId } from '../../app/contract/check-ids';
import type { Settings } from '../../app/contract/settings';
import { exportWebKeytab, labSettings, ntauthDn, readLabInfo, writeLabInfo, currentPids, type LabInfo } from './lab';
import { apachePaths, reloadApache } from './apache';
import { startSamba, stopSamba } from './samba';
import { writeCrl } from './pki';
import { runOk } from './proc';
import { ldapsearch } from './tools';

export type Undo = () => Promise<void>;

export interface Scenario {
  readonly title: string;
  /** Exactly the checks (product.md ids) that fail or warn while the scenario is applied. */
  readonly catches: readonly CheckId[];
  apply(lab: LabInfo): Promise<Undo>;
  /**
   * The settings under which the scenario shows, when not labSettings(lab): e.g. only the
   * root CA given (so the chain needs AIA), or the SEG pointed at the CAS array. Use
   * settingsFor(lab, scenario) rather than calling this.
   */
  readonly settings?: (lab: LabInfo) => Settings;
}

/** The settings a check run under this scenario should use (labSettings unless the scenario says otherwise). */
export function settingsFor(lab: LabInfo, scenario: Scenario): Settings {
  return scenario.settings ? scenario.settings(lab) : labSettings(lab);
}

/** Applies a scenario (of this lab, or of another lab kind: the MIT realms'), runs fn, and always undoes it. */
export async function withScenario<L, T>(lab: L, scenario: { apply(lab: L): Promise<Undo> }, fn: () => Promise<T>): Promise<T> {
  const undo = await scenario.apply(lab);
  try {
    return await fn();
  } finally {
    await undo();
  }
}

/** Runs once however often it is called (undo in finally after an undo inside the test). */
function once(fn: Undo): Undo {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

type Target = { account: string } | { dn: string };

/**
 * Snapshots attributes, applies ops, and returns the undo that writes the snapshot back
 * (ops of the undo run in reverse snapshot order, so a value moved between accounts is
 * taken off the second before it returns to the first: Samba refuses duplicate SPNs).
 */
async function directoryChange(lab: LabInfo, snapshot: readonly (readonly [Target, readonly string[]])[], ops: readonly DirOp[]): Promise<Undo> {
  const saved: DirOp[] = [];
  for (const [target, attrs] of snapshot) {
    const entry = await readEntry(lab.dc.smbConf, target, attrs);
    const changes: DirChange[] = attrs.map((attr) => ({
      attr,
      action: 'replace',
      values: attr === 'cACertificate' ? (entry.attrs[attr] ?? []).map((b64) => ({ b64 })) : [...(entry.attrs[attr] ?? [])],
    }));
    saved.unshift({ op: 'modify', ...target, changes });
  }
  const undo = once(async () => {
    await editDirectory(lab.dc.smbConf, saved);
  });
  try {
    await editDirectory(lab.dc.smbConf, ops);
  } catch (e) {
    await undo();
    throw e;
  }
  return undo;
}

function uacChange(account: string, set: number, clear: number): (lab: LabInfo) => Promise<Undo> {
  return (lab) => directoryChange(lab, [[{ account }, ['userAccountControl']]], [{ op: 'uac', account, set, clear }]);
}

/** Windows FILETIME (100 ns since 1601) of a date, as AD stores accountExpires and lockoutTime. */
export function fileTime(date: Date): string {
  return String(BigInt(date.getTime()) * 10_000n + 116_444_736_000_000_000n);
}

async function apacheFragment(lab: LabInfo, where: 'eas' | 'pki', name: string, text: string): Promise<Undo> {
  const paths = apachePaths(lab.dir);
  const file = join(where === 'eas' ? paths.easScenarioDir : paths.pkiScenarioDir, `${name}.conf`);
  const reload = async (): Promise<void> => reloadApache(lab.names, (await currentPids(lab)).apache);
  const undo = once(async () => {
    await rm(file, { force: true });
    await reload();
  });
  try {
    await writeFile(file, text);
    await reload();
  } catch (e) {
    await undo();
    throw e;
  }
  return undo;
}

/** Replaces a file's bytes and returns the undo that puts the original back. */
async function swapFile(path: string, write: () => Promise<void>): Promise<Undo> {
  const original = await readFile(path);
  const undo = once(() => writeFile(path, original));
  try {
    await write();
  } catch (e) {
    await undo();
    throw e;
  }
  return undo;
}

async function restartSamba(lab: LabInfo, env: NodeJS.ProcessEnv): Promise<void> {
  const info = (await readLabInfo(lab.dir)) ?? lab;
  await stopSamba(info.pids.samba, info.names.dcAddress);
  const samba = await startSamba(info.names, { env });
  await writeLabInfo({ ...info, pids: { ...info.pids, samba } });
}

const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/**
 * The KDC's clock `minutes` ahead (negative: behind), by restarting samba under libfaketime.
 * Kerberos allows 5 minutes. Measured: the KDC follows the fake clock (KRB_AP_ERR_SKEW), the
 * LDAP rootDSE currentTime does not (Samba 4.17 answers the real time there).
 */
export function kdcClockOffset(minutes: number): Scenario {
  return {
    title: `the KDC clock is ${Math.abs(minutes)} minutes ${minutes >= 0 ? 'ahead' : 'behind'} (libfaketime around samba)`,
    // eas.basic: Apache checks Basic credentials at the same KDC, which refuses them too.
    catches: Math.abs(minutes) >= 5 ? ['time.dc-skew', 'krb.as', 'eas.basic'] : [],
    apply: async (lab) => {
      const undo = once(() => restartSamba(lab, {}));
      try {
        // libfaketime re-reads FAKETIME every 10 s by default, and samba's setproctitle has
        // overwritten its environment by then: cache the first reading for good.
        await restartSamba(lab, {
          LD_PRELOAD: FAKETIME_LIB,
          FAKETIME: `${minutes >= 0 ? '+' : '-'}${Math.abs(minutes)}m`,
          FAKETIME_DONT_FAKE_MONOTONIC: '1',
          FAKETIME_CACHE_DURATION: '1000000',
        });
      } catch (e) {
        await undo();
        throw e;
      }
      return undo;
    },
  };
}

/**
 * Sets an account's password (the KDC makes new keys, msDS-KeyVersionNumber + 1) without
 * exporting Apache's keytab again, so the server holds the previous kvno. The undo sets the
 * lab's password back and exports the keytab: same password, but again a new kvno.
 */
async function passwordRolledWithoutKeytab(lab: LabInfo, account: { readonly name: string; readonly password: string }, rolled: string): Promise<Undo> {
  const undo = once(async () => {
    await editDirectory(lab.dc.smbConf, [{ op: 'setpassword', account: account.name, password: account.password }]);
    await exportWebKeytab(lab);
  });
  try {
    await editDirectory(lab.dc.smbConf, [{ op: 'setpassword', account: account.name, password: rolled }]);
  } catch (e) {
    await undo();
    throw e;
  }
  return undo;
}

const svc = (lab: LabInfo): string => lab.accounts.service.name;
const exch = (lab: LabInfo): string => lab.accounts.exchange.name;
const targetSpns = (lab: LabInfo): string[] => [lab.kerberos.targetSpnFqdn, lab.kerberos.targetSpn];

/** The target (Exchange) account allows RC4 only: the KDC then issues RC4 tickets for it. */
function targetRc4Only(lab: LabInfo): Promise<Undo> {
  return directoryChange(
    lab,
    [[{ account: exch(lab) }, ['msDS-SupportedEncryptionTypes']]],
    [{ op: 'modify', account: exch(lab), changes: [{ attr: 'msDS-SupportedEncryptionTypes', action: 'replace', values: ['4'] }] }],
  );
}

export const scenarios = {
  targetSpnMissing: {
    title: 'the target SPN (short and FQDN) is registered on no account',
    // Only a directory finding here: Samba's KDC still issues HTTP/<host> tickets for the
    // computer account it finds by host name (measured), so Kerberos steps still pass.
    catches: ['ad.target-spn'],
    apply: (lab) =>
      directoryChange(
        lab,
        [[{ account: exch(lab) }, ['servicePrincipalName']]],
        [{ op: 'modify', account: exch(lab), changes: [{ attr: 'servicePrincipalName', action: 'delete', values: targetSpns(lab) }] }],
      ),
  },

  targetSpnDuplicated: {
    title: 'the target SPN is also registered on the alternate service account (duplicate)',
    catches: ['ad.target-spn', 'eas.basic', 'krb.s4u2proxy'],
    // Samba refuses a duplicate SPN everywhere but in the partition file (lab-notes "Duplicate SPN").
    apply: async (lab) => {
      const asa = lab.accounts.asa.name;
      const change = (action: 'add' | 'delete'): DirOp => ({
        op: 'raw',
        account: asa,
        changes: [{ attr: 'servicePrincipalName', action, values: targetSpns(lab) }],
      });
      const undo = once(async () => {
        const now = await readEntry(lab.dc.smbConf, { account: asa }, ['servicePrincipalName']);
        const present = targetSpns(lab).filter((s) => (now.attrs.servicePrincipalName ?? []).includes(s));
        if (present.length > 0)
          await editDirectory(lab.dc.smbConf, [{ op: 'raw', account: asa, changes: [{ attr: 'servicePrincipalName', action: 'delete', values: present }] }]);
      });
      try {
        await editDirectory(lab.dc.smbConf, [change('add')]);
      } catch (e) {
        await undo();
        throw e;
      }
      return undo;
    },
  },

  targetSpnOnWrongAccount: {
    title: 'the target SPN sits on the service account instead of the Exchange computer',
    catches: ['ad.target-spn', 'eas.basic', 'eas.kcd-end-to-end'],
    apply: (lab) =>
      directoryChange(
        lab,
        [
          [{ account: exch(lab) }, ['servicePrincipalName']],
          [{ account: svc(lab) }, ['servicePrincipalName']],
        ],
        [
          { op: 'modify', account: exch(lab), changes: [{ attr: 'servicePrincipalName', action: 'delete', values: targetSpns(lab) }] },
          { op: 'modify', account: svc(lab), changes: [{ attr: 'servicePrincipalName', action: 'add', values: targetSpns(lab) }] },
        ],
      ),
  },

  serviceSpnMissing: {
    title: 'the service account has no SPN',
    catches: ['ad.svc-spn', 'krb.s4u2self'],
    apply: (lab) =>
      directoryChange(
        lab,
        [[{ account: svc(lab) }, ['servicePrincipalName']]],
        [{ op: 'modify', account: svc(lab), changes: [{ attr: 'servicePrincipalName', action: 'replace', values: [] }] }],
      ),
  },

  protocolTransitionOff: {
    title: 'protocol transition off (Kerberos only): TRUSTED_TO_AUTH_FOR_DELEGATION cleared',
    catches: ['ad.svc-protocol-transition', 'krb.s4u2self'],
    apply: (lab) => uacChange(svc(lab), 0, UAC.TRUSTED_TO_AUTH_FOR_DELEGATION)(lab),
  },

  delegationTargetMissing: {
    title: 'msDS-AllowedToDelegateTo lacks the target SPN (both forms)',
    catches: ['ad.svc-allowed-to-delegate', 'krb.s4u2proxy'],
    apply: (lab) =>
      directoryChange(
        lab,
        [[{ account: svc(lab) }, ['msDS-AllowedToDelegateTo']]],
        [{ op: 'modify', account: svc(lab), changes: [{ attr: 'msDS-AllowedToDelegateTo', action: 'delete', values: targetSpns(lab) }] }],
      ),
  },

  delegationOnlyShortSpn: {
    title: 'msDS-AllowedToDelegateTo holds only the short form HTTP/<host>, not the FQDN',
    catches: ['ad.svc-allowed-to-delegate'],
    apply: (lab) =>
      directoryChange(
        lab,
        [[{ account: svc(lab) }, ['msDS-AllowedToDelegateTo']]],
        [{ op: 'modify', account: svc(lab), changes: [{ attr: 'msDS-AllowedToDelegateTo', action: 'delete', values: [lab.kerberos.targetSpnFqdn] }] }],
      ),
  },

  userNotDelegable: {
    title: 'the certificate user (alice) is "sensitive and cannot be delegated"',
    catches: ['ad.user-delegable', 'krb.s4u2self'],
    apply: (lab) => uacChange(lab.accounts.users.alice.name, UAC.NOT_DELEGATED, 0)(lab),
  },

  rc4OnlyTarget: {
    title: 'the target account allows RC4 only (msDS-SupportedEncryptionTypes = 4), keytab re-exported',
    catches: ['ad.enctypes'],
    apply: async (lab) => {
      const undoAttr = await targetRc4Only(lab);
      const undo = once(async () => {
        await undoAttr();
        await exportWebKeytab(lab);
      });
      try {
        await exportWebKeytab(lab);
      } catch (e) {
        await undo();
        throw e;
      }
      return undo;
    },
  },

  rc4TargetKeytabNotExported: {
    title: 'the target account was switched to RC4 only (msDS-SupportedEncryptionTypes = 4) and its keytab not exported again (AES keys only)',
    // eas.basic: the lab's Basic authentication (mod_auth_gssapi) proves the user's password with a ticket to the server's own key.
    catches: ['ad.enctypes', 'eas.kcd-end-to-end', 'eas.basic'],
    apply: (lab) => targetRc4Only(lab),
  },

  caMissingFromNtauth: {
    title: 'the issuing CA is not in the NTAuth store',
    catches: ['ad.ntauth'],
    apply: async (lab) => {
      const der = (await readFile(lab.pki.issuing.der)).toString('base64');
      const dn = ntauthDn(lab);
      return directoryChange(
        lab,
        [[{ dn }, ['cACertificate']]],
        [{ op: 'modify', dn, changes: [{ attr: 'cACertificate', action: 'delete', values: [{ b64: der }] }] }],
      );
    },
  },

  ldapOnlyCdp: {
    title: 'the device certificate has only LDAP CDP and AIA URLs',
    catches: ['pki.no-ldap-urls', 'pki.not-revoked'],
    apply: (lab) => swapFile(lab.pki.deviceCert, () => copyFile(lab.pki.devices.aliceLdapCdp.cert, lab.pki.deviceCert)),
  },

  deviceCertExpired: {
    title: 'the device certificate expired 35 days ago',
    catches: ['pki.device-cert'],
    apply: (lab) => swapFile(lab.pki.deviceCert, () => copyFile(lab.pki.devices.aliceExpired.cert, lab.pki.deviceCert)),
  },

  deviceCertNoClientAuth: {
    title: 'the device certificate lacks the Client Authentication EKU (Server Authentication only)',
    catches: ['pki.device-cert'],
    apply: (lab) => swapFile(lab.pki.deviceCert, () => copyFile(lab.pki.devices.aliceServerAuthOnly.cert, lab.pki.deviceCert)),
  },

  aiaMissing: {
    title: "the issuing CA's certificate is gone from its AIA URL (404), and the settings give only the root CA",
    catches: ['pki.chain', 'pki.not-revoked'],
    // With the intermediate in the settings the chain builds without AIA: give only the root.
    settings: (lab) => {
      const s = labSettings(lab);
      return { ...s, certificates: { ...s.certificates, intermediates: [] } };
    },
    apply: async (lab) => {
      const file = lab.pki.published.issuingCrt;
      const aside = `${file}.scenario`;
      const undo = once(async () => {
        if (await stat(aside).catch(() => undefined)) await rename(aside, file);
      });
      await rename(file, aside);
      return undo;
    },
  },

  baseCrlUnreachable: {
    title: "the issuing CA's base CRL answers 404 at its CDP URL",
    catches: ['pki.crl-reachable', 'pki.not-revoked'],
    apply: async (lab) => {
      const name = lab.pki.urls.issuingCrl.slice(lab.pki.urls.issuingCrl.lastIndexOf('/') + 1).replace(/[.+]/g, '\\$&');
      return apacheFragment(lab, 'pki', 'base-crl-unreachable', `RewriteEngine On\nRewriteRule "/${name}$" - [R=404]\n`);
    },
  },

  revokedDeviceCert: {
    title: 'the device certificate is revoked on the base CRL',
    catches: ['pki.not-revoked'],
    apply: (lab) => swapFile(lab.pki.deviceCert, () => copyFile(lab.pki.devices.aliceRevoked.cert, lab.pki.deviceCert)),
  },

  revokedDeviceCertDelta: {
    title: 'the device certificate is revoked on the delta CRL only',
    catches: ['pki.not-revoked'],
    apply: (lab) => swapFile(lab.pki.deviceCert, () => copyFile(lab.pki.devices.aliceRevokedDelta.cert, lab.pki.deviceCert)),
  },

  expiredCrl: {
    title: 'the issuing CA base CRL is past its nextUpdate',
    catches: ['pki.crl-valid'],
    apply: (lab) =>
      swapFile(lab.pki.published.issuingCrl, () =>
        writeCrl(lab.pki, 'issuing_ca', lab.pki.published.issuingCrl, {
          thisUpdate: new Date(Date.now() - 10 * 86_400_000),
          nextUpdate: new Date(Date.now() - 3 * 86_400_000),
        }),
      ),
  },

  deltaCrlRefused: {
    title: 'the delta CRL URL (with +) answers 404, as IIS does without allowDoubleEscaping',
    catches: ['pki.crl-reachable', 'pki.not-revoked'],
    apply: (lab) =>
      apacheFragment(
        lab,
        'pki',
        'delta-crl-refused',
        'RewriteEngine On\n# IIS request filtering refuses a "+" in the path (404.11) unless allowDoubleEscaping is set.\nRewriteRule "\\+" - [R=404]\n',
      ),
  },

  negotiateNotOffered: {
    title: 'the EAS endpoint offers Basic only, no Negotiate (Windows authentication off)',
    catches: ['eas.negotiate-offered', 'eas.kcd-end-to-end'],
    apply: async (lab) => {
      const paths = apachePaths(lab.dir);
      const alice = lab.accounts.users.alice;
      const hash = (await runOk('htpasswd hash', 'openssl', ['passwd', '-apr1', '-stdin'], { input: `${alice.password}\n` })).stdout.trim();
      // The test mailbox as the settings name it, so that Basic works and only Negotiate is missing.
      await writeFile(paths.htpasswd, `${labSettings(lab).email.testMailbox}:${hash}\n`);
      return apacheFragment(
        lab,
        'eas',
        'negotiate-not-offered',
        `<Location ${lab.web.easPath}>\n  AuthType Basic\n  AuthName "${lab.names.exchangeFqdn}"\n  AuthBasicProvider file\n  AuthUserFile ${paths.htpasswd}\n  Require valid-user\n</Location>\n`,
      );
    },
  },

  basicAuthOff: {
    title: 'the EAS endpoint offers Negotiate only: Basic authentication is off',
    catches: ['eas.basic'],
    apply: (lab) => apacheFragment(lab, 'eas', 'basic-auth-off', `<Location ${lab.web.easPath}>\n  GssapiBasicAuth Off\n</Location>\n`),
  },

  easTlsWrongName: {
    title: "the EAS endpoint's TLS certificate does not name the host the SEG uses (the DC's certificate is served)",
    catches: ['eas.tls', 'eas.kcd-end-to-end'],
    apply: async (lab) => {
      const web = lab.pki.webTls;
      const undoCert = await swapFile(web.cert, () => copyFile(lab.pki.dcTls.cert, web.cert));
      const undoKey = await swapFile(web.key, () => copyFile(lab.pki.dcTls.key, web.key));
      const reload = async (): Promise<void> => reloadApache(lab.names, (await currentPids(lab)).apache);
      const undo = once(async () => {
        await undoCert();
        await undoKey();
        await reload();
      });
      try {
        await reload();
      } catch (e) {
        await undo();
        throw e;
      }
      return undo;
    },
  },

  dcStopped: {
    title: 'the domain controller does not answer (samba stopped): KDC and LDAP ports closed',
    catches: ['net.paths', 'ad.bind', 'krb.as', 'eas.basic'],
    apply: async (lab) => {
      const info = (await readLabInfo(lab.dir)) ?? lab;
      const undo = once(() => restartSamba(lab, {}));
      await stopSamba(info.pids.samba, info.names.dcAddress);
      return undo;
    },
  },

  clockSkew: kdcClockOffset(10),

  serviceAccountWrongPassword: {
    title: "the service account's password was changed in AD (the lab's password is now wrong)",
    catches: ['ad.bind', 'krb.as'],
    apply: async (lab) => {
      const undo = once(async () => {
        await editDirectory(lab.dc.smbConf, [{ op: 'setpassword', account: svc(lab), password: lab.accounts.service.password }]);
      });
      await editDirectory(lab.dc.smbConf, [{ op: 'setpassword', account: svc(lab), password: 'Rotated!Elsewhere7' }]);
      return undo;
    },
  },

  serviceAccountLocked: {
    title: 'the service account is locked out (lockout threshold 3, three bad binds)',
    catches: ['ad.bind', 'krb.as'],
    apply: async (lab) => {
      const dn = lab.dc.baseDn;
      const undoPolicy = await directoryChange(
        lab,
        [[{ dn }, ['lockoutThreshold']]],
        [{ op: 'modify', dn, changes: [{ attr: 'lockoutThreshold', action: 'replace', values: ['3'] }] }],
      );
      const undo = once(async () => {
        await editDirectory(lab.dc.smbConf, [{ op: 'modify', account: svc(lab), changes: [{ attr: 'lockoutTime', action: 'replace', values: ['0'] }] }]);
        await undoPolicy();
      });
      try {
        for (let i = 0; i < 3; i++) await ldapsearch(lab, { bindDn: lab.accounts.service.upn, password: 'wrong-password', base: dn, scope: 'base' });
      } catch (e) {
        await undo();
        throw e;
      }
      return undo;
    },
  },

  serviceAccountPasswordExpired: {
    title: "the service account's password is past the domain's maximum age (42 days): set 50 days ago, DONT_EXPIRE_PASSWORD cleared",
    catches: ['ad.bind', 'krb.as'],
    apply: async (lab) => {
      const account = svc(lab);
      const undoUac = await uacChange(account, 0, UAC.DONT_EXPIRE_PASSWORD)(lab);
      const undo = once(async () => {
        await editDirectory(lab.dc.smbConf, [{ op: 'setpassword', account, password: lab.accounts.service.password }]);
        await undoUac();
      });
      try {
        // pwdLastSet can only be written as 0 or -1: set the same password with the clock 50 days back.
        await editDirectory(lab.dc.smbConf, [{ op: 'setpassword', account, password: lab.accounts.service.password }], {
          LD_PRELOAD: FAKETIME_LIB,
          FAKETIME: '-50d',
        });
      } catch (e) {
        await undo();
        throw e;
      }
      return undo;
    },
  },

  serviceAccountMustChangePassword: {
    title: 'the service account must change its password at next logon (pwdLastSet = 0)',
    catches: ['ad.bind', 'krb.as'],
    apply: (lab) =>
      directoryChange(
        lab,
        [[{ account: svc(lab) }, ['userAccountControl']]],
        [
          { op: 'uac', account: svc(lab), clear: UAC.DONT_EXPIRE_PASSWORD },
          { op: 'modify', account: svc(lab), changes: [{ attr: 'pwdLastSet', action: 'replace', values: ['0'] }] },
        ],
      ).then((undoUac) =>
        once(async () => {
          // pwdLastSet returns to "now" with a password set; the same password keeps the keys' value.
          await editDirectory(lab.dc.smbConf, [{ op: 'setpassword', account: svc(lab), password: lab.accounts.service.password }]);
          await undoUac();
        }),
      ),
  },

  serviceAccountDisabled: {
    title: 'the service account is disabled',
    catches: ['ad.bind', 'krb.as'],
    apply: (lab) => uacChange(svc(lab), UAC.ACCOUNTDISABLE, 0)(lab),
  },

  serviceAccountExpired: {
    title: 'the service account expired yesterday (accountExpires)',
    catches: ['ad.bind', 'krb.as'],
    apply: (lab) =>
      directoryChange(
        lab,
        [[{ account: svc(lab) }, ['accountExpires']]],
        [{ op: 'modify', account: svc(lab), changes: [{ attr: 'accountExpires', action: 'replace', values: [fileTime(new Date(Date.now() - 86_400_000))] }] }],
      ),
  },
  asaSpnOnServer: {
    title: "the CAS array's SPNs sit on the Exchange computer instead of the alternate service account",
    // uem.mem-config: the UEM fixture's MEM configuration names the Exchange server, and these settings the CAS array.
    catches: ['ad.asa', 'uem.mem-config'],
    settings: (lab) => labSettings(lab, { casArray: true }),
    apply: (lab) => {
      const asa = lab.accounts.asa.name;
      const spns = [lab.kerberos.casSpn, lab.kerberos.casTargetSpn];
      return directoryChange(
        lab,
        [
          [{ account: asa }, ['servicePrincipalName']],
          [{ account: exch(lab) }, ['servicePrincipalName']],
        ],
        [
          { op: 'modify', account: asa, changes: [{ attr: 'servicePrincipalName', action: 'delete', values: spns }] },
          { op: 'modify', account: exch(lab), changes: [{ attr: 'servicePrincipalName', action: 'add', values: spns }] },
        ],
      );
    },
  },

  asaPasswordRolledWithoutKeytab: {
    title: "the ASA's password was rolled but the CAS servers kept the old keys (RollAlternateServiceAccountPassword not run on all members)",
    // uem.mem-config: the UEM fixture's MEM configuration names the Exchange server, and these settings the CAS array.
    catches: ['eas.kcd-end-to-end', 'uem.mem-config'],
    settings: (lab) => labSettings(lab, { casArray: true }),
    apply: (lab) => passwordRolledWithoutKeytab(lab, lab.accounts.asa, 'Rolled!Asa02x'),
  },

  serverKeytabStale: {
    title: "the Exchange server's computer account password changed (kvno + 1) but its keytab was not exported again",
    // eas.basic: the lab's Basic authentication (mod_auth_gssapi) proves the user's password with a ticket to the server's own key.
    catches: ['eas.kcd-end-to-end', 'eas.basic'],
    apply: (lab) => passwordRolledWithoutKeytab(lab, lab.accounts.exchange, 'Rolled!Exch02x'),
  },
} as const satisfies Record<string, Scenario>;

export type ScenarioId = keyof typeof scenarios;
