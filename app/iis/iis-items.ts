import type { Settings } from '../contract/settings';
import { observe } from './resolve';
import type { BlockedSpec, ElementStep, IisSetting, ItemSpec, ServerRole } from '../contract/iis';
import type { XmlTree } from './xml-tree';
import { activeSyncApp, activeSyncLocation, UPLOAD_READ_AHEAD_SIZE, type IisPlanOptions } from './iis-options';
import { segAppPool } from './seg-app-pool';

export interface ItemSpecs {
  readonly items: readonly ItemSpec[];
  readonly blocked: readonly BlockedSpec[];
}

const AUTH = 'system.webServer/security/authentication';
const CCM = `${AUTH}/clientCertificateMappingAuthentication`;
const WINDOWS = `${AUTH}/windowsAuthentication`;

/** The SSL settings of a location (IIS "SSL Settings": Require SSL, client certificates) as flags. */
export function sslFlagsSetting(location: string, value: string): IisSetting {
  return {
    kind: 'attribute',
    location,
    section: 'system.webServer/security/access',
    element: [],
    attribute: 'sslFlags',
    value,
    compare: 'flags',
    schemaDefault: 'None',
  };
}

/** uploadReadAheadSize at one level (the server's is location ''), at least the guide's 10 MB. */
function uploadReadAheadSetting(location: string): IisSetting {
  return {
    kind: 'attribute',
    location,
    section: 'system.webServer/serverRuntime',
    element: [],
    attribute: 'uploadReadAheadSize',
    value: UPLOAD_READ_AHEAD_SIZE,
    compare: 'at-least',
    schemaDefault: '49152',
  };
}

function sslFlagsWanted(tree: XmlTree, location: string, options: IisPlanOptions): string {
  const wanted = options.clientCertificates === 'require' ? ['Ssl', 'SslNegotiateCert', 'SslRequireCert'] : ['Ssl', 'SslNegotiateCert'];
  const current = observe(tree, sslFlagsSetting(location, ''));
  // Keep flags already set (Ssl128): the plan adds what the guide needs and takes nothing away.
  const kept = current.effective
    .split(',')
    .map((flag) => flag.trim())
    .filter((flag) => flag !== '' && flag.toLowerCase() !== 'none' && !wanted.some((w) => w.toLowerCase() === flag.toLowerCase()));
  return [...wanted, ...kept].join(', ');
}

function segItems(tree: XmlTree, settings: Settings, options: IisPlanOptions): ItemSpecs {
  const eas = activeSyncLocation(settings, options);
  const items: ItemSpec[] = [
    {
      id: 'seg.client-cert-mapping.server',
      check: 'seg.client-cert-mapping',
      guideStep: 'Configure IIS for Certificate Authentication on SEG, steps 3–6',
      title: 'Enable Active Directory Client Certificate Authentication on the server',
      why: 'IIS maps the device certificate to its Active Directory user only when this feature is on.',
      setting: { kind: 'attribute', location: '', section: CCM, element: [], attribute: 'enabled', value: 'true', compare: 'bool', schemaDefault: 'false' },
    },
    {
      id: 'seg.client-cert-mapping.activesync',
      check: 'seg.client-cert-mapping',
      guideStep: 'Set Up Email Configuration, steps 2–6',
      title: `Enable clientCertificateMappingAuthentication for ${activeSyncApp(settings)}`,
      why: 'The ActiveSync application must accept the certificate as the user’s identity.',
      setting: { kind: 'attribute', location: eas, section: CCM, element: [], attribute: 'enabled', value: 'true', compare: 'bool', schemaDefault: 'false' },
    },
    {
      id: 'seg.ssl-settings',
      check: 'seg.ssl-settings',
      guideStep: 'Set Up Secure Socket Layer (SSL), step 2',
      title: options.clientCertificates === 'require' ? 'Require SSL and require client certificates' : 'Require SSL and accept client certificates',
      why: 'Without a client certificate there is no user to request a Kerberos ticket for.',
      setting: sslFlagsSetting(eas, sslFlagsWanted(tree, eas, options)),
    },
    {
      id: 'seg.upload-read-ahead.server',
      check: 'seg.upload-read-ahead',
      guideStep: 'Adjust uploadReadAheadSize Memory Size, step 3a',
      title: 'uploadReadAheadSize 10485760 at server level',
      why: 'Renegotiating a client certificate buffers the request body; 48 KB is too small for ActiveSync.',
      setting: uploadReadAheadSetting(''),
    },
    {
      id: 'seg.upload-read-ahead.site',
      check: 'seg.upload-read-ahead',
      guideStep: 'Adjust uploadReadAheadSize Memory Size, step 3b',
      title: `uploadReadAheadSize 10485760 for "${options.siteName}"`,
      why: 'The guide sets the site level too, so a site-level value cannot undo the server-level one.',
      setting: uploadReadAheadSetting(options.siteName),
    },
  ];
  const pool = segAppPool(tree, settings, options);
  if (!pool.ok) {
    return {
      items,
      blocked: [
        { id: 'seg.app-pool', guideStep: 'Install SEG, step 11 b–d', title: 'SEG application pool: NetworkService, 32-bit', reason: pool.error.message },
      ],
    };
  }
  const poolStep: ElementStep = { name: 'add', key: { attribute: 'name', value: pool.value } };
  items.push(
    {
      id: 'seg.app-pool.identity',
      check: 'seg.app-pool',
      guideStep: 'Install SEG, step 11c; Troubleshooting, Error B',
      title: `Application pool "${pool.value}" runs as NetworkService`,
      why: 'A 500 at the beginning of every request (Error B) comes from another identity.',
      setting: {
        kind: 'attribute',
        location: '',
        section: 'system.applicationHost/applicationPools',
        element: [poolStep, { name: 'processModel' }],
        attribute: 'identityType',
        value: 'NetworkService',
        compare: 'equals',
        schemaDefault: 'ApplicationPoolIdentity',
        defaultsFrom: [{ name: 'applicationPoolDefaults' }, { name: 'processModel' }],
      },
    },
    {
      id: 'seg.app-pool.32-bit',
      check: 'seg.app-pool',
      guideStep: 'Install SEG, step 11 b and d; Troubleshooting, Error B',
      title: `Application pool "${pool.value}" enables 32-bit applications`,
      why: 'The SEG’s Kerberos files are 32-bit; the installer leaves this to be set by hand.',
      setting: {
        kind: 'attribute',
        location: '',
        section: 'system.applicationHost/applicationPools',
        element: [poolStep],
        attribute: 'enable32BitAppOnWin64',
        value: 'true',
        compare: 'bool',
        schemaDefault: 'false',
        defaultsFrom: [{ name: 'applicationPoolDefaults' }],
      },
    },
  );
  return { items, blocked: [] };
}

function exchangeItems(settings: Settings, options: IisPlanOptions): ItemSpecs {
  const eas = activeSyncLocation(settings, options);
  const account = settings.email.casArray.enabled
    ? 'the alternate service account holds the target SPN; its credential reaches every array member through RollAlternateServiceAccountPassword.ps1'
    : 'the target SPN sits on the Exchange computer account, whose key HTTP.sys uses for the app pool (LocalSystem)';
  const windows = (attribute: string, value: string, schemaDefault: string): IisSetting => ({
    kind: 'attribute',
    location: eas,
    section: WINDOWS,
    element: [],
    attribute,
    value,
    compare: 'bool',
    schemaDefault,
  });
  const step = 'Enable Windows Authentication on the CAS/EAS';
  return {
    items: [
      {
        id: 'exchange.windows-auth',
        check: 'eas.negotiate-offered',
        guideStep: `${step}, step 1a`,
        title: 'Enable Windows authentication on the ActiveSync virtual directory',
        why: 'Exchange must accept the Kerberos ticket the SEG obtained by delegation.',
        setting: windows('enabled', 'true', 'false'),
      },
      {
        id: 'exchange.anonymous-off',
        check: null,
        guideStep: `${step}, step 1b`,
        title: 'Disable anonymous authentication on the ActiveSync virtual directory',
        why: 'Requests must carry the delegated ticket, not pass anonymously.',
        setting: {
          kind: 'attribute',
          location: eas,
          section: `${AUTH}/anonymousAuthentication`,
          element: [],
          attribute: 'enabled',
          value: 'false',
          compare: 'bool',
          schemaDefault: 'true',
        },
      },
      {
        id: 'exchange.use-app-pool-credentials',
        check: 'eas.kcd-end-to-end',
        guideStep: `${step}, step 2a`,
        title: 'useAppPoolCredentials = True',
        why: `Kernel-mode authentication then decrypts tickets with the pool's credentials: ${account}.`,
        setting: windows('useAppPoolCredentials', 'true', 'false'),
      },
      {
        id: 'exchange.use-kernel-mode',
        check: 'eas.kcd-end-to-end',
        guideStep: `${step}, step 2a`,
        title: 'useKernelMode = True',
        why: 'The guide keeps kernel-mode authentication on; Microsoft advises not to turn it off with Kerberos.',
        setting: windows('useKernelMode', 'true', 'true'),
      },
      {
        id: 'exchange.provider-negotiate',
        check: 'eas.negotiate-offered',
        guideStep: 'Troubleshooting, Error E, step 1',
        title: 'Negotiate is a Windows authentication provider',
        why: 'Without Negotiate the server never offers Kerberos and answers 401.',
        setting: { kind: 'entry', location: eas, section: WINDOWS, element: [{ name: 'providers' }], entry: { attribute: 'value', value: 'Negotiate' } },
      },
      {
        id: 'exchange.provider-ntlm',
        check: null,
        guideStep: 'Troubleshooting, Error E, step 1',
        title: 'NTLM is a Windows authentication provider',
        why: 'The guide lists both providers; NTLM serves clients that cannot use Kerberos.',
        setting: { kind: 'entry', location: eas, section: WINDOWS, element: [{ name: 'providers' }], entry: { attribute: 'value', value: 'NTLM' } },
      },
    ],
    blocked: [],
  };
}

function caItems(options: IisPlanOptions): ItemSpecs {
  return {
    items: [
      {
        id: 'ca.certenroll-double-escaping',
        check: 'pki.crl-reachable',
        guideStep: 'Create IIS Virtual Directory for the CRL Distribution Point, steps 4–5',
        title: `allowDoubleEscaping = True for "${options.siteName}/${options.certEnrollPath}"`,
        why: 'Delta CRL names contain "+", which request filtering otherwise rejects (404.11).',
        setting: {
          kind: 'attribute',
          location: `${options.siteName}/${options.certEnrollPath}`,
          section: 'system.webServer/security/requestFiltering',
          element: [],
          attribute: 'allowDoubleEscaping',
          value: 'true',
          compare: 'bool',
          schemaDefault: 'false',
        },
      },
    ],
    blocked: [],
  };
}

export function itemsFor(role: ServerRole, tree: XmlTree, settings: Settings, options: IisPlanOptions): ItemSpecs {
  switch (role) {
    case 'seg':
      return segItems(tree, settings, options);
    case 'exchange':
      return exchangeItems(settings, options);
    case 'ca':
      return caItems(options);
  }
}
