import type { Settings } from '../contract/settings';
import type { ConsoleChecklist } from '../contract/console-checklists';

/**
 * What is set by hand in the UEM console, filled in from the settings. The service account
 * password is never shown: the person types it there. `segPublicHost` (the CLI's
 * --seg-public-host) overrides the settings' `seg.publicHost`.
 */
export function consoleChecklists(settings: Settings, segPublicHost?: string): ConsoleChecklist[] {
  const publicHost = segPublicHost?.trim() || settings.seg.publicHost.trim();
  const domains = settings.kcd.domains;
  const first = domains[0];
  return [
    {
      id: 'mem-configuration',
      title: 'MEM configuration: cross-domain KCD',
      where: 'Email > Settings > (the MEM configuration) > Advanced',
      guideStep: 'Configure Secure Email Gateway (SEG) on the Workspace ONE UEM console, steps 1–8',
      entries: [
        { field: 'Friendly Name', value: settings.organizationGroup.memConfigName, note: 'The SEG Setup console must match it.' },
        { field: 'Use Recommended Settings', value: 'cleared' },
        { field: 'Enable Cross-domain KCD Authentication', value: 'selected', note: 'The option is not offered during SEG Setup unless it is on here.' },
        { field: 'Target SPN', value: settings.kcd.targetSpn, note: 'HTTP/ plus the ASA or CAS/EAS server name without the domain.' },
        { field: 'Service Account Username', value: settings.kcd.serviceAccount },
        { field: 'Service Account Password', value: '(type it in the console; the tool does not show it)' },
        { field: 'Domain Controller Hostname', value: first?.dcHost ?? '', note: 'Without the domain.' },
        { field: 'Domain Name', value: first?.realm ?? '', note: 'Upper case.' },
        ...domains.slice(1).map((d) => ({
          field: 'Further domain (no console field)',
          value: `${d.realm} via ${d.dcHost}`,
          note: 'The SEG needs only network access to this domain controller and its realm in krb5.ini.',
        })),
      ],
    },
    {
      id: 'eas-profile',
      title: 'EAS profile with a Credentials payload',
      where: 'Devices > Profiles > List View > Add (Android or iOS)',
      guideStep: 'Configure EAS and Credential Profile, steps 1–5',
      entries: [
        {
          field: 'Credentials: Credential Source',
          value: 'Defined Certificate Authority',
          note: 'Select the CA and template configured for device certificates.',
        },
        {
          field: 'Exchange ActiveSync: Exchange ActiveSync Host',
          value: publicHost || '(the SEG’s public DNS name, asked for on the Email server step)',
          note: 'The SEG, not the Exchange server.',
        },
        { field: 'Exchange ActiveSync: Use SSL', value: 'selected' },
        { field: 'Exchange ActiveSync: Payload Certificate', value: 'Certificate #1' },
        { field: 'Exchange ActiveSync: Domain and Username', value: '(empty)', note: 'The certificate replaces them.' },
        { field: 'Exchange ActiveSync: Email Address', value: '{EmailAddress}', note: 'The lookup value for the user’s address.' },
      ],
    },
  ];
}
