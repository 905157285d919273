import { err, type Result } from '../contract/result';
import type { CertificateRef } from '../pki/certificate-refs';
import { Quoter } from './quote';
import { CMD_PREAMBLE, lines } from './script';
import { type GeneratedScript } from '../contract/scripts';
import type { ScriptValues } from './context';

/** The issuing and root CA certificates into the forest's NTAuth store (guide prerequisites; Error D). */
export function ntauthScript(v: ScriptValues, certificates: readonly CertificateRef[]): Result<GeneratedScript> {
  const q = new Quoter();
  const meta = {
    title: 'Publish the CA certificates to NTAuth',
    runBy: `an Enterprise Admin of the forest of ${v.realm}`,
    runOn: 'a command prompt on a domain-joined machine of that forest, in the folder that holds the .cer files',
    guideStep: 'Prerequisites (trust between the CA and the directory); Troubleshooting, Error D',
  };
  if (certificates.length === 0)
    return err('script.needs-input', 'No CA certificate is given in the Certificates step.', 'Add the root and issuing CA certificates.');
  const body = certificates.flatMap((cert) => [
    `rem ${cert.subject.replace(/[\r\n]/g, ' ')} (SHA-1 ${cert.thumbprint})`,
    `certutil -dspublish -f ${q.cmd(cert.fileName)} NTAuthCA`,
    `rem Updates this machine's cached copy at once; other machines follow at their next Group Policy refresh.`,
    `certutil -enterprise -addstore NTAuth ${q.cmd(cert.fileName)}`,
  ]);
  const head = q.header('cmd', meta);
  return q.finish(() => ({
    id: 'ca-ntauth',
    fileName: 'ca-ntauth.cmd',
    ...meta,
    shell: 'cmd',
    troubleshootingOnly: false,
    content: lines(CMD_PREAMBLE, head, body, 'certutil -viewstore -enterprise NTAuth'),
    encoding: 'utf8',
  }));
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/;

/**
 * CDP and AIA over HTTP, so an off-domain SEG can fetch CRLs and CA certificates. The flags
 * are those of the CA's Extensions tab (certutil -getreg CA\CRLPublicationURLs shows them):
 * 1 publish CRL here, 64 publish delta CRL here, 2 put in the CDP of issued certificates,
 * 4 put in CRLs so clients find delta CRLs; for AIA 1 publish, 2 put in the AIA extension.
 * The file:// entries the guide leaves with no option selected do nothing and are left out.
 */
export function cdpAiaScript(v: ScriptValues, caWebHost: string | undefined, certEnrollFolder: string): Result<GeneratedScript> {
  if (caWebHost === undefined || caWebHost.trim() === '') {
    return err(
      'script.needs-input',
      'The host name clients use for the CA’s web server is not given, and no certificate in the settings names one in an http:// CDP or AIA URL.',
      'Enter the CA web host on the Configure step (the CLI: --ca-web-host) so the CDP/AIA script can be generated.',
    );
  }
  if (!HOST.test(caWebHost.trim()))
    return err('script.value-unquotable', `"${caWebHost}" is not a host name.`, 'Enter a DNS host name such as ca01.se.airwlab.com.');
  const host = caWebHost.trim();
  const folder = certEnrollFolder.replace(/\\+$/, '');
  const q = new Quoter();
  const meta = {
    title: 'CRL distribution point and AIA over HTTP',
    runBy: 'a CA administrator',
    runOn: 'an elevated Windows PowerShell on the certification authority',
    guideStep: 'Update CRL Distribution Point (CDP) and Authority Information Access (AIA) Extensions, steps 1–8',
    notes: [
      'Certificates issued before this change keep their old CDP and AIA: re-issue the device certificates afterwards.',
      'CRL checking stays on: the SEG must reach these URLs over HTTP instead.',
    ],
  };
  // Single quotes: PowerShell leaves %3%8%9 alone, and certutil itself turns each literal \n into a line of the list.
  const crl = [
    `65:${folder}\\%3%8%9.crl`,
    '65:ldap:///CN=%7%8,CN=%2,CN=CDP,CN=Public Key Services,CN=Services,%6%10',
    `6:http://${host}/CertEnroll/%3%8%9.crl`,
  ].join('\\n');
  const aia = [`1:${folder}\\%1_%3%4.crt`, `2:http://${host}/CertEnroll/%1_%3%4.crt`].join('\\n');
  const body = [
    `$ErrorActionPreference = 'Stop'`,
    '# The LDAP CDP stays only to publish (guide step 4); it is no longer written into certificates.',
    `certutil -setreg CA\\CRLPublicationURLs ${q.psNative(crl)}`,
    '# AIA: the LDAP location removed, HTTP added (guide step 7).',
    `certutil -setreg CA\\CACertPublicationURLs ${q.psNative(aia)}`,
    'Restart-Service -Name certsvc',
    '# Publish a new CRL so the HTTP location has one (guide step 8).',
    'certutil -crl',
    `certutil -getreg CA\\CRLPublicationURLs`,
    `certutil -getreg CA\\CACertPublicationURLs`,
  ];
  const head = q.header('powershell', meta);
  return q.finish(() => ({
    id: 'ca-cdp-aia',
    fileName: 'ca-cdp-aia.ps1',
    ...meta,
    shell: 'powershell',
    troubleshootingOnly: false,
    content: lines(head, body),
    encoding: 'utf8-bom',
  }));
}

/** The CertEnroll virtual directory on the CA's IIS, then the CA plan's appcmd lines (double escaping). */
export function certEnrollScript(certEnrollFolder: string, siteName: string, appcmd: readonly string[]): Result<GeneratedScript> {
  const q = new Quoter();
  const meta = {
    title: 'CertEnroll virtual directory with double escaping allowed',
    runBy: 'a local administrator of the CA server',
    runOn: 'an elevated command prompt on the certification authority (IIS installed)',
    guideStep: 'Create IIS Virtual Directory for the CRL Distribution Point, steps 1–5',
  };
  const body = [
    'rem Fails harmlessly with "already exists" when the directory is there.',
    `%windir%\\system32\\inetsrv\\appcmd.exe add vdir /app.name:${q.cmd(`${siteName}/`)} /path:/CertEnroll /physicalPath:${q.cmd(certEnrollFolder)}`,
    ...appcmd,
  ];
  const head = q.header('cmd', meta);
  return q.finish(() => ({
    id: 'ca-certenroll-iis',
    fileName: 'ca-certenroll-iis.cmd',
    ...meta,
    shell: 'cmd',
    troubleshootingOnly: false,
    content: lines(CMD_PREAMBLE, head, body),
    encoding: 'utf8',
  }));
}
