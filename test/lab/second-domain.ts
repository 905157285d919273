/**
 * A second Samba AD domain (realm B) next to a running lab (realm A), joined to it by a
 * two-way trust (lab-notes "Two domains"). It holds a user of B, bob, and proves what two
 * Samba domains can: cross-realm TGS (bob gets a ticket for A's target), and the refusal of
 * cross-realm S4U2Self by Samba 4.17's KDC, whose words the product must find. The chain
 * itself is proven against MIT (mit-realms.ts). Names and the address are parameters.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editDirectory } from './directory';
import { krb5ConfRealms } from './krb5-conf';
import type { LabInfo } from './lab';
import { resolveNames, type LabNames } from './names';
import { issueDcCertificate, type CertFiles } from './pki';
import { runOk, type LabProcess } from './proc';
import { configureDc, provisionDc, sambaPaths, startSamba, stopSamba } from './samba';

export interface SecondDomainOptions {
  readonly dir: string;
  /** B's DC: a loopback address of its own (KDC 88, LDAP 389/636). */
  readonly address: string;
  readonly realm?: string;
  readonly netbios?: string;
  readonly dcHost?: string;
  readonly user?: string;
}

export interface SecondDomain {
  readonly names: LabNames;
  readonly smbConf: string;
  /** KRB5_CONFIG for MIT tools: both realms, direct [capaths] both ways, no DNS. */
  readonly krb5Conf: string;
  readonly user: { readonly name: string; readonly upn: string; readonly principal: string; readonly password: string };
  /** B's DC's LDAPS certificate and key, issued by the lab's issuing CA for B's DC name and address. */
  readonly dcTls: CertFiles;
  pid: LabProcess;
}

const TRUST_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'trust.py');
const PYTHON = '/usr/bin/python3';
const ADMIN_PW = 'Passw0rd!BetaAdmin1';

/**
 * Runs trust.py: `create` both trusted domain objects, `create-wrong-key` both with keys that
 * differ between the sides (a trust password reset on one side only), `delete` both.
 */
export async function trust(primary: LabInfo, b: SecondDomain, action: 'create' | 'create-wrong-key' | 'delete'): Promise<void> {
  await runOk(`trust ${action}`, PYTHON, [TRUST_SCRIPT, action, primary.dc.smbConf, b.smbConf, 'forest'], { timeoutMs: 60_000 });
}

export async function startSecondDomain(primary: LabInfo, o: SecondDomainOptions): Promise<SecondDomain> {
  const names = resolveNames({
    dir: o.dir,
    realm: o.realm ?? 'BETA.TEST',
    netbiosDomain: o.netbios ?? 'BETA',
    dcHost: o.dcHost ?? 'betadc01',
    dcAddress: o.address,
    webAddress: primary.web.address,
  });
  await provisionDc(names, ADMIN_PW);
  // B's DC gets its own LDAPS certificate from the lab PKI, so a client holding the lab's roots verifies B by B's name.
  const dcTls = await issueDcCertificate(primary.pki, names, join(o.dir, 'pki'));
  await configureDc(names, { cert: dcTls.cert, key: dcTls.key, issuing: primary.pki.issuing.cert, ca: primary.pki.chain });
  const smbConf = sambaPaths(names.dir).smbConf;
  const userName = o.user ?? 'bob';
  const user = { name: userName, upn: `${userName}@${names.domain}`, principal: `${userName}@${names.realm}`, password: 'Passw0rd!Bob1' };
  await editDirectory(smbConf, [{ op: 'user', name: user.name, password: user.password, given: 'Bob', surname: 'Beta', mail: user.upn }]);
  const file = join(o.dir, 'krb5-two-realms.conf');
  await writeFile(file, krb5ConfRealms([primary.names, names].map((n) => ({ realm: n.realm, domain: n.domain, kdcAddress: n.dcAddress }))));
  const pid = await startSamba(names);
  const b: SecondDomain = { names, smbConf, krb5Conf: file, user, dcTls, pid };
  try {
    await trust(primary, b, 'create');
  } catch (e) {
    await stopSamba(pid, names.dcAddress);
    throw e;
  }
  return b;
}

/** Removes the trust from both domains (A is the shared lab: it is left as it was) and stops B. */
export async function stopSecondDomain(primary: LabInfo, b: SecondDomain): Promise<void> {
  try {
    await trust(primary, b, 'delete');
  } finally {
    await stopSamba(b.pid, b.names.dcAddress);
  }
}
