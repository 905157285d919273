/**
 * Service principal names as AD stores them: `class/host[:port][/service]`, compared
 * without regard to case (AD's SPN uniqueness and the KDC's lookup are case-insensitive).
 */
export interface Spn {
  readonly serviceClass: string;
  readonly host: string;
  readonly port?: number;
  readonly serviceName?: string;
}

export function parseSpn(text: string): Spn | null {
  const m = /^([^/\s]+)\/([^/:\s]+)(?::(\d{1,5}))?(?:\/([^\s]+))?$/.exec(text.trim());
  if (m === null) return null;
  const [, serviceClass = '', host = '', port, serviceName] = m;
  return {
    serviceClass,
    host,
    ...(port !== undefined ? { port: Number(port) } : {}),
    ...(serviceName !== undefined ? { serviceName } : {}),
  };
}

export function sameSpn(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function shortHost(host: string): string {
  return host.split('.')[0] ?? host;
}

/**
 * The forms under which the SEG may ask for the target: the short host name and the FQDN
 * in the account's domain. The guide registers and delegates both (`HTTP/semail01` and
 * `HTTP/semail01.se.airwlab.com`), because which one a client asks for depends on how the
 * host name was typed.
 */
export function spnForms(targetSpn: string, dnsDomain: string): string[] {
  const spn = parseSpn(targetSpn);
  if (spn === null) return [targetSpn];
  const short = shortHost(spn.host);
  const fqdn = spn.host.includes('.') ? spn.host : `${spn.host}.${dnsDomain.toLowerCase()}`;
  const tail = `${spn.port !== undefined ? `:${spn.port}` : ''}${spn.serviceName !== undefined ? `/${spn.serviceName}` : ''}`;
  const forms = [`${spn.serviceClass}/${short}${tail}`, `${spn.serviceClass}/${fqdn}${tail}`];
  return forms.filter((f, i) => forms.findIndex((g) => sameSpn(f, g)) === i);
}

/**
 * Values that look meant for the target but do not match it: the same short host name with
 * another service class, port or domain. A person who typed `HTTP/semail01.corp.local` or
 * `HOST/semail01` sees why it does not count.
 */
export function nearMisses(values: readonly string[], wanted: readonly string[]): string[] {
  const targets = wanted.map(parseSpn).filter((s): s is Spn => s !== null);
  return values.filter((value) => {
    if (wanted.some((w) => sameSpn(w, value))) return false;
    const spn = parseSpn(value);
    if (spn === null) return false;
    return targets.some((t) => shortHost(t.host).toLowerCase() === shortHost(spn.host).toLowerCase());
  });
}
