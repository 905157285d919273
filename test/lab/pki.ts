import { mkdir, writeFile, readFile, copyFile, chmod } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { LabNames } from './names';
import { runOk } from './proc';

/** A certificate with its key, as PEM files. */
export interface CertFiles {
  readonly cert: string;
  readonly key: string;
}

/** A device certificate: issued to a directory user, SAN otherName UPN + rfc822. */
export interface DeviceCert extends CertFiles {
  readonly upn: string;
  /** PKCS#12 with the chain, password LabPki.pfxPassword (modern AES/PBKDF2, as OpenSSL 3 writes it). */
  readonly p12: string;
  /** The same content with SHA1-3DES PBE and a SHA1 MAC (what older Windows exports). */
  readonly p12Legacy: string;
}

export interface LabPki {
  readonly dir: string;
  readonly pfxPassword: string;
  readonly root: CertFiles & { readonly der: string; readonly name: string };
  readonly issuing: CertFiles & { readonly der: string; readonly name: string };
  /** Root + issuing, PEM, for a client's trust store. */
  readonly chain: string;
  readonly devices: {
    /** alice: delegable user, valid certificate. */
    readonly alice: DeviceCert;
    /** carol: "sensitive and cannot be delegated". */
    readonly carol: DeviceCert;
    /** dave: in Protected Users through a nested group. */
    readonly dave: DeviceCert;
    /** alice again, revoked on the base CRL. */
    readonly aliceRevoked: DeviceCert;
    /** alice again, revoked only on the delta CRL. */
    readonly aliceRevokedDelta: DeviceCert;
    /** alice again, with only LDAP CDP and AIA URLs (no HTTP). */
    readonly aliceLdapCdp: DeviceCert;
    /** alice again, expired 35 days ago. */
    readonly aliceExpired: DeviceCert;
    /** alice again, EKU Server Authentication only (no Client Authentication). */
    readonly aliceServerAuthOnly: DeviceCert;
  };
  /**
   * The device certificate the lab's settings point at: a copy of alice's. Scenarios swap
   * its content (revoked, LDAP-only CDP) and put it back.
   */
  readonly deviceCert: string;
  readonly dcTls: CertFiles;
  readonly webTls: CertFiles;
  /** TLS certificate of the UEM API fixture (uem.<domain>). */
  readonly uemTls: CertFiles;
  /** Folder Apache serves at http://<pki host>/CertEnroll/ (AD CS's default virtual folder). */
  readonly publishDir: string;
  readonly urls: {
    readonly rootCrt: string;
    readonly rootCrl: string;
    readonly issuingCrt: string;
    readonly issuingCrl: string;
    /** The delta CRL; its file name ends in `+` as AD CS names it. */
    readonly issuingDeltaCrl: string;
  };
  /** Files in publishDir, DER as AD CS publishes them. */
  readonly published: {
    readonly rootCrt: string;
    readonly rootCrl: string;
    readonly issuingCrt: string;
    readonly issuingCrl: string;
    readonly issuingDeltaCrl: string;
  };
  /** OpenSSL config of the issuing CA, for scenarios that re-sign a CRL. */
  readonly caConfig: string;
}

const DAY = 86_400_000;

/** OpenSSL's UTCTime form YYMMDDHHMMSSZ. */
export function opensslTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
}

function caSection(name: string, dir: string, cert: string, key: string, crlExt: string): string {
  return `
[ ${name} ]
dir = ${dir}
database = ${dir}/index.txt
serial = ${dir}/serial
crlnumber = ${dir}/crlnumber
new_certs_dir = ${dir}/issued
certificate = ${cert}
private_key = ${key}
default_md = sha256
default_days = 730
default_crl_days = 7
policy = policy_any
unique_subject = no
email_in_dn = no
copy_extensions = none
crl_extensions = ${crlExt}
`;
}

/** The [ ext_dc ] section: a DC's LDAPS certificate names the DC (FQDN, host) and its address (lab-notes pitfall 9). */
function dcExtension(dc: Pick<LabNames, 'dcFqdn' | 'dcHost' | 'dcAddress'>, cdp: string): string {
  return `[ ext_dc ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:${dc.dcFqdn}, DNS:${dc.dcHost}, IP:${dc.dcAddress}
${cdp}
`;
}

export async function buildPki(names: LabNames, dir: string): Promise<LabPki> {
  const publishDir = join(dir, 'CertEnroll');
  await mkdir(publishDir, { recursive: true });
  const rootName = `${names.netbios} Lab Root CA`;
  // AD CS names an enterprise CA <NetBIOS>-<host>-CA, and its CRL files after the CA name.
  const issuingName = `${names.netbios}-${names.dcHost.toUpperCase()}-CA`;
  const rootFile = `${names.netbios}-Lab-Root-CA`;
  const base = `http://${names.pkiFqdn}/CertEnroll`;
  const urls = {
    rootCrt: `${base}/${rootFile}.crt`,
    rootCrl: `${base}/${rootFile}.crl`,
    issuingCrt: `${base}/${issuingName}.crt`,
    issuingCrl: `${base}/${issuingName}.crl`,
    issuingDeltaCrl: `${base}/${issuingName}+.crl`,
  };
  const published = {
    rootCrt: join(publishDir, `${rootFile}.crt`),
    rootCrl: join(publishDir, `${rootFile}.crl`),
    issuingCrt: join(publishDir, `${issuingName}.crt`),
    issuingCrl: join(publishDir, `${issuingName}.crl`),
    issuingDeltaCrl: join(publishDir, `${issuingName}+.crl`),
  };
  const p = (f: string): string => join(dir, f);
  const ldapDn = `CN=${issuingName},CN=${names.dcHost},CN=CDP,CN=Public%20Key%20Services,CN=Services,CN=Configuration,${names.baseDn}`;
  const aiaDn = `CN=${issuingName},CN=AIA,CN=Public%20Key%20Services,CN=Services,CN=Configuration,${names.baseDn}`;

  for (const db of ['root', 'issuing', 'delta']) {
    await mkdir(p(`${db}/issued`), { recursive: true });
    await writeFile(p(`${db}/index.txt`), '');
    await writeFile(p(`${db}/serial`), db === 'root' ? '1000\n' : db === 'issuing' ? '2000\n' : '9000\n');
  }
  // The delta CRL continues the base CRL's numbering: base 01, delta 02 (RFC 5280 5.2.4).
  await writeFile(p('root/crlnumber'), '01\n');
  await writeFile(p('issuing/crlnumber'), '01\n');
  await writeFile(p('delta/crlnumber'), '02\n');

  const deviceExt = (upn: string, cdp: string, eku = 'clientAuth, msSmartcardLogin'): string => `
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = ${eku}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = otherName:msUPN;UTF8:${upn}, email:${upn}
${cdp}
`;
  const httpCdp = `crlDistributionPoints = URI:${urls.issuingCrl}\nauthorityInfoAccess = caIssuers;URI:${urls.issuingCrt}`;
  // LDAP URLs hold commas, which the one-line form would split: use sections.
  const ldapCdp = `crlDistributionPoints = @ldap_cdp\nauthorityInfoAccess = @ldap_aia`;
  const config = `
[ req ]
distinguished_name = req_dn
prompt = no
[ req_dn ]
CN = unused
[ policy_any ]
commonName = supplied
organizationName = optional
organizationalUnitName = optional
emailAddress = optional
${caSection('root_ca', p('root'), p('root-ca.pem'), p('root-ca.key'), 'crl_ext_root')}
${caSection('issuing_ca', p('issuing'), p('issuing-ca.pem'), p('issuing-ca.key'), 'crl_ext_base')}
${caSection('delta_ca', p('delta'), p('issuing-ca.pem'), p('issuing-ca.key'), 'crl_ext_delta')}
[ ext_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier = hash
[ ext_issuing ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:${urls.rootCrl}
authorityInfoAccess = caIssuers;URI:${urls.rootCrt}
[ crl_ext_root ]
authorityKeyIdentifier = keyid:always
[ crl_ext_base ]
authorityKeyIdentifier = keyid:always
freshestCRL = URI:${urls.issuingDeltaCrl}
[ crl_ext_delta ]
authorityKeyIdentifier = keyid:always
deltaCRL = critical, ASN1:INTEGER:1
[ ldap_cdp ]
URI.0 = ldap:///${ldapDn}?certificateRevocationList?base?objectClass=cRLDistributionPoint
[ ldap_aia ]
caIssuers;URI.0 = ldap:///${aiaDn}?cACertificate?base?objectClass=certificationAuthority
${dcExtension(names, httpCdp)}[ ext_web ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:${names.exchangeFqdn}, DNS:${names.exchangeHost}, DNS:${names.casFqdn}, DNS:${names.casHost}, IP:${names.webAddress}
${httpCdp}
[ ext_uem ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:${names.uemFqdn}
${httpCdp}
`;
  const upnOf = (user: string): string => `${user}@${names.domain}`;
  const devices = [
    ['alice', 'alice', 'http'],
    ['carol', 'carol', 'http'],
    ['dave', 'dave', 'http'],
    ['aliceRevoked', 'alice', 'http'],
    ['aliceRevokedDelta', 'alice', 'http'],
    ['aliceLdapCdp', 'alice', 'ldap'],
    ['aliceExpired', 'alice', 'http'],
    ['aliceServerAuthOnly', 'alice', 'http'],
  ] as const;
  const caConfig = p('ca.cnf');
  await writeFile(caConfig, config);
  for (const [id, user, cdp] of devices) {
    const eku = id === 'aliceServerAuthOnly' ? 'serverAuth' : undefined;
    await writeFile(
      p(`${id}.ext`),
      `[ ext ]\n${deviceExt(upnOf(user), cdp === 'http' ? httpCdp : ldapCdp, eku)}\n${cdp === 'ldap' ? config.slice(config.indexOf('[ ldap_cdp ]'), config.indexOf('[ ext_dc ]')) : ''}`,
    );
  }

  const keyNames = ['root-ca', 'issuing-ca', 'dc', 'web', 'uem', ...devices.map(([id]) => id)];
  await Promise.all(
    keyNames.map((k) => runOk('pki key', 'openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', p(`${k}.key`)])),
  );
  await Promise.all(keyNames.map((k) => chmod(p(`${k}.key`), 0o600)));

  const startdate = opensslTime(new Date(Date.now() - DAY));
  const ssl = (step: string, args: string[]): Promise<unknown> => runOk(`pki ${step}`, 'openssl', args);
  await ssl('root', [
    'req',
    '-new',
    '-x509',
    '-config',
    caConfig,
    '-extensions',
    'ext_root',
    '-key',
    p('root-ca.key'),
    '-subj',
    `/CN=${rootName}`,
    '-days',
    '3650',
    '-sha256',
    '-set_serial',
    '1',
    '-out',
    p('root-ca.pem'),
  ]);

  const issue = async (ca: 'root_ca' | 'issuing_ca', key: string, subject: string, ext: string[], out: string): Promise<void> => {
    await ssl(`csr ${out}`, ['req', '-new', '-config', caConfig, '-key', p(`${key}.key`), '-subj', subject, '-out', p(`${out}.csr`)]);
    const dates = ext.includes('-startdate') ? [] : ['-startdate', startdate];
    await ssl(`sign ${out}`, ['ca', '-batch', '-notext', '-config', caConfig, '-name', ca, ...dates, ...ext, '-in', p(`${out}.csr`), '-out', p(`${out}.pem`)]);
  };
  await issue('root_ca', 'issuing-ca', `/CN=${issuingName}`, ['-extensions', 'ext_issuing', '-days', '1825'], 'issuing-ca');
  await issue('issuing_ca', 'dc', `/CN=${names.dcFqdn}`, ['-extensions', 'ext_dc'], 'dc');
  await issue('issuing_ca', 'web', `/CN=${names.exchangeFqdn}`, ['-extensions', 'ext_web'], 'web');
  await issue('issuing_ca', 'uem', `/CN=${names.uemFqdn}`, ['-extensions', 'ext_uem'], 'uem');
  for (const [id, user] of devices) {
    // aliceExpired: valid from 400 to 35 days ago.
    const dates =
      id === 'aliceExpired' ? ['-startdate', opensslTime(new Date(Date.now() - 400 * DAY)), '-enddate', opensslTime(new Date(Date.now() - 35 * DAY))] : [];
    await issue('issuing_ca', id, `/CN=${user}`, ['-extfile', p(`${id}.ext`), '-extensions', 'ext', ...dates], id);
  }

  const chain = p('chain.pem');
  await writeFile(chain, (await readFile(p('root-ca.pem'), 'utf8')) + (await readFile(p('issuing-ca.pem'), 'utf8')));
  await Promise.all(
    devices.map(async ([id]) => {
      const common = ['pkcs12', '-export', '-in', p(`${id}.pem`), '-inkey', p(`${id}.key`), '-certfile', chain, '-name', id, '-passout', 'pass:changeit'];
      await ssl('p12', [...common, '-out', p(`${id}.p12`)]);
      await ssl('p12 legacy', [...common, '-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-out', p(`${id}-legacy.p12`)]);
    }),
  );

  await ssl('revoke', ['ca', '-config', caConfig, '-name', 'issuing_ca', '-revoke', p('aliceRevoked.pem'), '-crl_reason', 'keyCompromise']);
  await ssl('revoke delta', ['ca', '-config', caConfig, '-name', 'delta_ca', '-revoke', p('aliceRevokedDelta.pem'), '-crl_reason', 'keyCompromise']);

  const pki: LabPki = {
    dir,
    pfxPassword: 'changeit',
    root: { cert: p('root-ca.pem'), key: p('root-ca.key'), der: published.rootCrt, name: rootName },
    issuing: { cert: p('issuing-ca.pem'), key: p('issuing-ca.key'), der: published.issuingCrt, name: issuingName },
    chain,
    devices: Object.fromEntries(
      devices.map(([id, user]) => [id, { cert: p(`${id}.pem`), key: p(`${id}.key`), p12: p(`${id}.p12`), p12Legacy: p(`${id}-legacy.p12`), upn: upnOf(user) }]),
    ) as unknown as LabPki['devices'],
    deviceCert: p('device.pem'),
    dcTls: { cert: p('dc.pem'), key: p('dc.key') },
    webTls: { cert: p('web.pem'), key: p('web.key') },
    uemTls: { cert: p('uem.pem'), key: p('uem.key') },
    publishDir,
    urls,
    published,
    caConfig,
  };
  await ssl('root crt', ['x509', '-in', pki.root.cert, '-outform', 'DER', '-out', published.rootCrt]);
  await ssl('issuing crt', ['x509', '-in', pki.issuing.cert, '-outform', 'DER', '-out', published.issuingCrt]);
  await Promise.all([
    writeCrl(pki, 'root_ca', published.rootCrl),
    writeCrl(pki, 'issuing_ca', published.issuingCrl),
    writeCrl(pki, 'delta_ca', published.issuingDeltaCrl),
  ]);
  await copyFile(pki.devices.alice.cert, pki.deviceCert);
  return pki;
}

export type CrlSigner = 'root_ca' | 'issuing_ca' | 'delta_ca';

/**
 * Signs a CRL from the CA's database and writes it as DER to `out`. `window` overrides
 * thisUpdate/nextUpdate (the expired-CRL scenario); the CRL number is not advanced, so a
 * re-signed base CRL still matches the delta's indicator.
 */
export async function writeCrl(pki: LabPki, ca: CrlSigner, out: string, window?: { thisUpdate: Date; nextUpdate: Date }): Promise<void> {
  const numberFile = join(pki.dir, ca === 'root_ca' ? 'root' : ca === 'issuing_ca' ? 'issuing' : 'delta', 'crlnumber');
  const number = await readFile(numberFile, 'utf8');
  const times = window
    ? ['-crl_lastupdate', opensslTime(window.thisUpdate), '-crl_nextupdate', opensslTime(window.nextUpdate)]
    : ['-crl_lastupdate', opensslTime(new Date(Date.now() - DAY))];
  const pem = `${out}.pem`;
  await runOk('pki crl', 'openssl', ['ca', '-gencrl', '-config', pki.caConfig, '-name', ca, ...times, '-out', pem]);
  await writeFile(numberFile, number);
  await runOk('pki crl der', 'openssl', ['crl', '-in', pem, '-outform', 'DER', '-out', `${out}.tmp`]);
  const { rename, rm } = await import('node:fs/promises');
  await rename(`${out}.tmp`, out);
  await rm(pem);
}

/**
 * An LDAPS certificate for another domain's DC (the second Samba domain), issued by the lab's
 * issuing CA into `dir`. Signed with `openssl x509 -req` and a random serial, so the CA's
 * database (which the CRL scenarios re-sign from) stays as the lab left it.
 */
export async function issueDcCertificate(pki: LabPki, dc: Pick<LabNames, 'dcFqdn' | 'dcHost' | 'dcAddress'>, dir: string): Promise<CertFiles> {
  await mkdir(dir, { recursive: true });
  const p = (f: string): string => join(dir, f);
  await writeFile(
    p('dc.ext'),
    dcExtension(dc, `crlDistributionPoints = URI:${pki.urls.issuingCrl}\nauthorityInfoAccess = caIssuers;URI:${pki.urls.issuingCrt}`),
  );
  await runOk('pki dc key', 'openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', p('dc.key')]);
  await chmod(p('dc.key'), 0o600);
  await runOk('pki dc csr', 'openssl', ['req', '-new', '-config', pki.caConfig, '-key', p('dc.key'), '-subj', `/CN=${dc.dcFqdn}`, '-out', p('dc.csr')]);
  await runOk('pki dc sign', 'openssl', [
    'x509',
    '-req',
    '-in',
    p('dc.csr'),
    '-CA',
    pki.issuing.cert,
    '-CAkey',
    pki.issuing.key,
    '-set_serial',
    `0x${randomBytes(8).toString('hex')}`,
    '-days',
    '730',
    '-sha256',
    '-extfile',
    p('dc.ext'),
    '-extensions',
    'ext_dc',
    '-out',
    p('dc.pem'),
  ]);
  return { cert: p('dc.pem'), key: p('dc.key') };
}
