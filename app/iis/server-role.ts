import type { ServerRole } from '../contract/iis';
import { attributeOf, type XmlElement, type XmlTree } from './xml-tree';

/** A role the file shows, and the line of it that shows it. */
export interface RoleSign {
  readonly role: ServerRole;
  readonly sign: string;
}

const ROLE_NAMES: Readonly<Record<ServerRole, string>> = { seg: 'a SEG server', exchange: 'an Exchange server', ca: 'a CA server' };

export function roleName(role: ServerRole): string {
  return ROLE_NAMES[role];
}

/**
 * What an application pool name or a physical path tells of the server: Exchange's pools are
 * MSExchange* and its files live under "\Exchange Server\"; the SEG installs under
 * AirWatch\SecureEmailGateway with a SecureEmailGateway pool; a CA publishes CertEnroll/CertSrv.
 */
function roleOfValue(value: string): ServerRole | null {
  const v = value.toLowerCase();
  if (v.startsWith('msexchange') || v.includes('\\exchange server\\')) return 'exchange';
  if (v.includes('secureemailgateway') || v.includes('\\airwatch\\')) return 'seg';
  if (v.includes('\\certsrv') || v.includes('\\certenroll') || v === '/certenroll' || v === '/certsrv') return 'ca';
  return null;
}

function walk(element: XmlElement, parent: string, visit: (e: XmlElement, parent: string) => void): void {
  visit(element, parent);
  for (const child of element.children) walk(child, element.name, visit);
}

/** The attributes that name a pool or a path: application pools, applications, virtual directories. */
function describing(element: XmlElement, parent: string): readonly string[] {
  if (element.name === 'add' && parent === 'applicationPools') return ['name'];
  if (element.name === 'application') return ['path', 'applicationPool'];
  if (element.name === 'virtualDirectory') return ['path', 'physicalPath'];
  return [];
}

/** Every role this applicationHost.config shows signs of, each with its first sign. */
export function detectRoles(tree: XmlTree): RoleSign[] {
  const found = new Map<ServerRole, string>();
  walk(tree.root, '', (element, parent) => {
    for (const name of describing(element, parent)) {
      const value = attributeOf(element, name)?.value;
      const role = value === undefined ? null : roleOfValue(value);
      if (role !== null && !found.has(role)) found.set(role, `<${element.name} ${name}="${value ?? ''}">`);
    }
  });
  return [...found].map(([role, sign]) => ({ role, sign }));
}
