/**
 * Every program and data file the lab (test/lab) and the browser suite (test/e2e) use, with
 * the Debian 12 package that provides it. This table is the ONE list of Debian packages the
 * tests need: `npm test` (scripts/test.mjs → test/setup/cli.ts) and the lab's own start
 * (`npm run lab -- up`) install the packages named here when missing, then check every path.
 * test/unit/setup/debian-packages.test.ts proves the table covers what test/lab/*.ts and
 * test/e2e/*.ts reference.
 */
export interface Needed {
  /** Absolute path of the program or data file, as the lab or a test uses it. */
  readonly path: string;
  /** The Debian package to install for it (a package apt-get installs, not always the one owning the file). */
  readonly pkg: string;
  readonly usedFor: string;
}

export const NEEDED: readonly Needed[] = [
  { path: '/usr/sbin/samba', pkg: 'samba', usedFor: 'the lab DC' },
  { path: '/usr/bin/samba-tool', pkg: 'samba', usedFor: 'provisioning the lab domain' },
  { path: '/usr/lib/x86_64-linux-gnu/samba/ldb/samba_dsdb.so', pkg: 'samba-ad-dc', usedFor: 'the AD DC role of samba' },
  // samba-tool stops with "File [...] not found. Please install samba-ad-provision package" without these.
  { path: '/usr/share/samba/setup/provision.ldif', pkg: 'samba-ad-provision', usedFor: 'samba-tool domain provision' },
  {
    path: '/usr/share/samba/setup/ad-schema/AD_DS_Classes__Windows_Server_2016.ldf',
    pkg: 'samba-ad-provision',
    usedFor: 'samba-tool domain provision (AD schema)',
  },
  {
    path: '/usr/share/samba/setup/adprep/WindowsServerDocs/Sch49.ldf.diff',
    pkg: 'samba-ad-provision',
    usedFor: 'samba-tool domain provision (2019 schema updates)',
  },
  { path: '/usr/sbin/winbindd', pkg: 'winbind', usedFor: 'samba AD DC (started by samba)' },
  { path: '/usr/bin/python3', pkg: 'python3', usedFor: 'test/lab/directory.py' },
  { path: '/usr/lib/python3/dist-packages/samba/__init__.py', pkg: 'python3-samba', usedFor: 'test/lab/directory.py edits sam.ldb' },
  { path: '/usr/bin/kinit', pkg: 'krb5-user', usedFor: 'reference Kerberos client' },
  { path: '/usr/bin/kvno', pkg: 'krb5-user', usedFor: 'reference S4U2Self + S4U2Proxy' },
  { path: '/usr/bin/klist', pkg: 'krb5-user', usedFor: 'reading ccaches' },
  { path: '/usr/sbin/krb5kdc', pkg: 'krb5-kdc', usedFor: 'the MIT KDC lab (issue 19)' },
  { path: '/usr/sbin/kdb5_util', pkg: 'krb5-kdc', usedFor: 'the MIT KDC lab (issue 19)' },
  { path: '/usr/sbin/kadmind', pkg: 'krb5-admin-server', usedFor: 'the MIT KDC lab (issue 19)' },
  { path: '/usr/sbin/kadmin.local', pkg: 'krb5-admin-server', usedFor: 'the MIT KDC lab (issue 19)' },
  { path: '/usr/sbin/kdb5_ldap_util', pkg: 'krb5-kdc-ldap', usedFor: 'the MIT KDC lab with an LDAP back end (issue 19)' },
  { path: '/usr/sbin/slapd', pkg: 'slapd', usedFor: 'the MIT KDC lab LDAP back end (issue 19)' },
  { path: '/usr/sbin/slapadd', pkg: 'slapd', usedFor: 'the MIT KDC lab LDAP back end (issue 19)' },
  { path: '/etc/ldap/schema/core.schema', pkg: 'slapd', usedFor: 'the MIT KDC lab slapd schema' },
  { path: '/etc/ldap/schema/cosine.schema', pkg: 'slapd', usedFor: 'the MIT KDC lab slapd schema' },
  { path: '/usr/lib/ldap/back_mdb.so', pkg: 'slapd', usedFor: 'the MIT KDC lab slapd database module' },
  // Under /usr/share/doc: a minimal image whose dpkg excludes that folder lacks it even with the package installed.
  { path: '/usr/share/doc/krb5-kdc-ldap/kerberos.schema.gz', pkg: 'krb5-kdc-ldap', usedFor: 'the Kerberos LDAP schema the MIT KDC lab loads into slapd' },
  { path: '/usr/sbin/apache2', pkg: 'apache2', usedFor: 'the lab web server (EAS, CRL/AIA)' },
  { path: '/etc/mime.types', pkg: 'apache2', usedFor: 'apache TypesConfig' },
  ...['mpm_event', 'authz_core', 'authz_user', 'authn_core', 'authn_file', 'auth_basic', 'alias', 'mime', 'cgid', 'rewrite', 'ssl', 'socache_shmcb'].map(
    (m): Needed => ({ path: `/usr/lib/apache2/modules/mod_${m}.so`, pkg: 'apache2', usedFor: 'apache LoadModule' }),
  ),
  { path: '/usr/lib/apache2/modules/mod_auth_gssapi.so', pkg: 'libapache2-mod-auth-gssapi', usedFor: 'Negotiate on the lab EAS' },
  { path: '/usr/bin/ldapsearch', pkg: 'ldap-utils', usedFor: 'reference LDAP client' },
  { path: '/usr/bin/ldapadd', pkg: 'ldap-utils', usedFor: 'the MIT KDC lab LDAP back end (issue 19)' },
  { path: '/usr/bin/ldapmodify', pkg: 'ldap-utils', usedFor: 'the MIT KDC lab LDAP back end (issue 19)' },
  { path: '/usr/bin/faketime', pkg: 'faketime', usedFor: 'clock-skew scenarios' },
  { path: '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', pkg: 'faketime', usedFor: 'clock-skew scenarios (LD_PRELOAD)' },
  { path: '/usr/bin/curl', pkg: 'curl', usedFor: 'reference HTTP client' },
  { path: '/usr/bin/openssl', pkg: 'openssl', usedFor: 'the lab PKI' },
  { path: '/usr/bin/ss', pkg: 'iproute2', usedFor: 'lab-smoke: nothing listens beyond loopback' },
  { path: '/usr/bin/chromium', pkg: 'chromium', usedFor: 'the browser suite (test/e2e)' },
  { path: '/usr/lib/chromium/chromium', pkg: 'chromium', usedFor: 'the browser suite (test/e2e)' },
];

/** The Debian packages to install, each once, in the table's order. */
export const DEBIAN_PACKAGES: readonly string[] = [...new Set(NEEDED.map((n) => n.pkg))];
