import type { Settings } from '../../contract/settings';
import {
  apiUrlProblem,
  dcHostProblem,
  emailPathProblem,
  hostNameProblem,
  ipAddressProblem,
  mailboxUserProblem,
  oauthTokenUrlProblem,
  portProblem,
  realmProblem,
  samAccountNameProblem,
  targetSpnProblem,
  timeoutProblem,
  type Problem,
} from '../../config/field-rules';
import type { CheckId } from '../../contract/check-ids';
import type { CheckDefinition, CheckOutcome } from '../types';
import type { FieldIssue } from '../../contract/field-issue';

/** One field of the settings as a rule sees it: its path in the document, and what is wrong. */
export interface FieldFinding {
  /** Dotted path in the settings document, e.g. `kcd.domains.0.realm`. */
  readonly field: string;
  readonly problem: Problem;
}

interface InputRule {
  readonly id: CheckId;
  readonly title: string;
  /** Where the value is entered, so the remedy can send the person there. */
  readonly where: string;
  /** A reason when the rule does not apply to these settings (offline, no CAS array), else null. */
  readonly applies?: (s: Settings) => string | null;
  readonly fields: (s: Settings) => readonly FieldFinding[];
}

const offlineReason = (s: Settings): string | null =>
  s.uem.apiUrl.trim() === '' ? 'No UEM API URL is set: working offline, the UEM fields are not needed' : null;

const domainsOf = (s: Settings) => (s.kcd.domains.length === 0 ? [{ realm: '', dcHost: '' }] : s.kcd.domains);

const INPUT_RULES: readonly InputRule[] = [
  {
    id: 'input.api-url',
    title: 'UEM API server URL',
    where: 'UEM API step',
    applies: offlineReason,
    fields: (s) => [{ field: 'uem.apiUrl', problem: apiUrlProblem(s.uem.apiUrl) }],
  },
  {
    id: 'input.api-user',
    title: 'UEM API admin user',
    where: 'UEM API step',
    applies: (s) => offlineReason(s) ?? (s.uem.authMethod === 'basic' ? null : `The API is signed in to with ${s.uem.authMethod === 'oauth' ? 'OAuth client credentials' : 'a client certificate'}, not a user name`),
    fields: (s) => [{ field: 'uem.user', problem: s.uem.user.trim() === '' ? 'The API admin user is required to reach the UEM API' : null }],
  },
  {
    id: 'input.api-auth',
    title: 'UEM API sign-in (OAuth client or client certificate)',
    where: 'UEM API step',
    applies: (s) => offlineReason(s) ?? (s.uem.authMethod === 'basic' ? 'Basic authentication with the admin user' : null),
    fields: (s) =>
      s.uem.authMethod === 'oauth'
        ? [
            { field: 'uem.oauthTokenUrl', problem: oauthTokenUrlProblem(s.uem.oauthTokenUrl) },
            { field: 'uem.oauthClientId', problem: s.uem.oauthClientId.trim() === '' ? 'The OAuth client id is required (Groups & Settings > Configurations > OAuth Client Management)' : null },
          ]
        : [{ field: 'uem.clientCertificate', problem: s.uem.clientCertificate.trim() === '' ? 'Give the PFX of the API admin certificate (console: Accounts > Administrators > the admin > API > Generate Client Certificate)' : null }],
  },
  {
    id: 'input.tenant-code',
    title: 'UEM API tenant code (API key)',
    where: 'UEM API step',
    applies: offlineReason,
    fields: (s) => [
      {
        field: 'uem.tenantCode',
        problem:
          s.uem.tenantCode.trim() === ''
            ? 'The tenant code (API key from Groups & Settings > All Settings > System > Advanced > API > REST API) is required'
            : /\s/.test(s.uem.tenantCode)
              ? 'The tenant code must not contain spaces'
              : null,
      },
    ],
  },
  {
    id: 'input.organization-group',
    title: 'Organization group',
    where: 'Organization group step',
    fields: (s) => [
      {
        field: 'organizationGroup.name',
        problem:
          s.organizationGroup.name.trim() === '' && s.organizationGroup.id.trim() === ''
            ? 'Pick the organization group, or type its name when working offline'
            : null,
      },
      {
        field: 'organizationGroup.id',
        problem: /^\d*$/.test(s.organizationGroup.id.trim()) ? null : `The organization group id is a number, not "${s.organizationGroup.id}"`,
      },
    ],
  },
  {
    id: 'input.mem-config',
    title: 'MEM configuration friendly name',
    where: 'Organization group step',
    fields: (s) => [
      {
        field: 'organizationGroup.memConfigName',
        problem:
          s.organizationGroup.memConfigName.trim() === ''
            ? 'The MEM configuration friendly name is required; it must match the one made on the UEM console'
            : null,
      },
    ],
  },
  {
    id: 'input.target-spn',
    title: 'Target SPN',
    where: 'KCD step',
    fields: (s) => [{ field: 'kcd.targetSpn', problem: targetSpnProblem(s.kcd.targetSpn) }],
  },
  {
    id: 'input.service-account',
    title: 'Service account user name',
    where: 'KCD step',
    fields: (s) => [{ field: 'kcd.serviceAccount', problem: samAccountNameProblem(s.kcd.serviceAccount) }],
  },
  {
    id: 'input.dc-host',
    title: 'Domain controller host name',
    where: 'KCD step',
    fields: (s) => domainsOf(s).map((d, i) => ({ field: `kcd.domains.${i}.dcHost`, problem: dcHostProblem(d.dcHost) })),
  },
  {
    id: 'input.realm',
    title: 'Domain name (realm)',
    where: 'KCD step',
    fields: (s) => {
      const seen = new Set<string>();
      return domainsOf(s).map((d, i) => {
        const duplicate = seen.has(d.realm) ? `The domain ${d.realm} is listed twice` : null;
        seen.add(d.realm);
        return { field: `kcd.domains.${i}.realm`, problem: realmProblem(d.realm) ?? duplicate };
      });
    },
  },
  {
    id: 'input.email-host',
    title: 'Email server host name',
    where: 'Email server step',
    fields: (s) => [{ field: 'email.host', problem: hostNameProblem(s.email.host, 'The email server host name') }],
  },
  {
    id: 'input.email-port',
    title: 'Email server port',
    where: 'Email server step',
    fields: (s) => [{ field: 'email.port', problem: portProblem(s.email.port) }],
  },
  {
    id: 'input.email-path',
    title: 'ActiveSync path',
    where: 'Email server step',
    fields: (s) => [{ field: 'email.path', problem: emailPathProblem(s.email.path) }],
  },
  {
    id: 'input.cas-array',
    title: 'CAS array FQDN',
    where: 'Email server step',
    applies: (s) => (s.email.casArray.enabled ? null : 'No CAS array is used'),
    fields: (s) => [
      {
        field: 'email.casArray.fqdn',
        problem:
          hostNameProblem(s.email.casArray.fqdn, 'The CAS array FQDN') ??
          (s.email.casArray.fqdn.includes('.') ? null : 'The CAS array name must be a fully qualified name such as mail.se.airwlab.com'),
      },
    ],
  },
  {
    id: 'input.test-mailbox',
    title: 'Test mailbox',
    where: 'Email server step',
    applies: (s) => (s.email.testMailbox.trim() === '' ? 'No test mailbox is given; the Basic-auth verify is optional' : null),
    fields: (s) => [{ field: 'email.testMailbox', problem: mailboxUserProblem(s.email.testMailbox) }],
  },
  {
    id: 'input.certificates',
    title: 'Root CA and device certificate',
    where: 'Certificates step',
    fields: (s) => [
      { field: 'certificates.roots', problem: s.certificates.roots.length === 0 ? 'Add the root CA certificate that issued the device certificates' : null },
      {
        field: 'certificates.deviceCertificate',
        problem: s.certificates.deviceCertificate.trim() === '' ? 'Add a sample device certificate (its private key is not needed)' : null,
      },
    ],
  },
  {
    id: 'input.network',
    title: 'Network settings',
    where: 'settings file, "network"',
    fields: (s) => [
      ...Object.entries(s.network.hosts).flatMap(([name, address]) => [
        { field: `network.hosts.${name}`, problem: hostNameProblem(name, `The pinned name "${name}"`) ?? ipAddressProblem(address, `The address pinned for ${name}`) },
      ]),
      { field: 'network.dnsServer', problem: s.network.dnsServer === '' ? null : ipAddressProblem(s.network.dnsServer, 'The DNS server') },
      { field: 'network.timeoutMs', problem: timeoutProblem(s.network.timeoutMs) },
    ],
  },
];

function describe(rule: InputRule, findings: readonly FieldFinding[]): CheckOutcome {
  const problems = findings.filter((f) => f.problem !== null);
  if (problems.length === 0) return { status: 'pass', evidence: findings.map((f) => `${f.field}: valid`) };
  return {
    status: 'fail',
    evidence: problems.map((f) => `${f.field}: ${f.problem}`),
    remedy: `In the ${rule.where}: ${problems.map((f) => f.problem).join('; ')}.`,
  };
}

export const INPUT_CHECKS: readonly CheckDefinition[] = INPUT_RULES.map((rule) => ({
  id: rule.id,
  title: rule.title,
  ...(rule.applies ? { applies: rule.applies } : {}),
  run: async (ctx) => describe(rule, rule.fields(ctx.settings)),
}));

/** Every problem in the settings, field by field, for validation as the person types. */
export function fieldIssues(settings: Settings): FieldIssue[] {
  return INPUT_RULES.filter((rule) => (rule.applies?.(settings) ?? null) === null).flatMap((rule) =>
    rule
      .fields(settings)
      .filter((f): f is FieldFinding & { problem: string } => f.problem !== null)
      .map((f) => ({ checkId: rule.id, field: f.field, message: f.problem })),
  );
}
