import {
  AndFilter,
  EqualityFilter,
  FilterParser,
  InvalidCredentialsError,
  NotFilter,
  OperationsError,
  OrFilter,
  PresenceFilter,
  type Client,
  type Filter,
} from 'ldapts';
import { ok, type Result } from '../../../../app/contract/result';
import { ldapFailure, type LdapEndpoint, type OpenedLdap } from '../../../../app/ldap/connect';
import type { RootDse } from '../../../../app/ldap/root-dse';

/**
 * A directory in memory behind the one surface app/ldap uses of an ldapts Client: bind,
 * search, searchPaginated and unbind. Each server (a DC on 636, a global catalogue on 3269)
 * holds its own entries and decides which binds it takes, so a test lays out forests, trusts
 * and broken DCs, and reads back in `log` what was asked of which server, in order.
 */

/** An entry as a server returns it: the DN and attribute values (one string, or several). */
export type FakeEntry = { readonly dn: string } & Readonly<Record<string, string | readonly string[]>>;

export interface FakeServer {
  readonly rootDse: RootDse;
  readonly entries: readonly FakeEntry[];
  /** Bind names this server accepts (any password); others get AD's 52e. */
  readonly accepts: readonly string[];
  /** Searches below this base (lower case) fail, as a DC that denies reading them. */
  readonly failsBelow?: string;
}

const BAD_CREDENTIALS = '80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v4563';

function values(entry: FakeEntry, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

/** RFC 4515 filters as far as app/ldap writes them: and, or, not, presence, equality (case-insensitive, as AD's string syntaxes). */
function matches(filter: Filter, entry: FakeEntry): boolean {
  if (filter instanceof AndFilter) return filter.filters.every((f) => matches(f, entry));
  if (filter instanceof OrFilter) return filter.filters.some((f) => matches(f, entry));
  if (filter instanceof NotFilter) return !matches(filter.filter, entry);
  if (filter instanceof PresenceFilter) return filter.attribute.toLowerCase() === 'objectclass' || values(entry, filter.attribute).length > 0;
  if (filter instanceof EqualityFilter) {
    const wanted = String(filter.value).toLowerCase();
    return values(entry, filter.attribute).some((v) => v.toLowerCase() === wanted);
  }
  throw new Error(`the fake LDAP server does not evaluate ${filter.toString()}`);
}

function inScope(dn: string, base: string, scope: string): boolean {
  const d = dn.toLowerCase();
  const b = base.toLowerCase();
  if (scope === 'base') return d === b;
  const below = b === '' || d === b || d.endsWith(`,${b}`);
  return scope === 'one' ? below && d !== b && d.slice(d.indexOf(',') + 1) === b : below;
}

interface SearchOptions {
  readonly scope?: string;
  readonly filter?: string;
}

export class FakeLdapNetwork {
  /** `host:port op argument`, in the order the servers saw them. */
  readonly log: string[] = [];
  private readonly servers = new Map<string, FakeServer>();

  serve(host: string, port: number, server: FakeServer): void {
    this.servers.set(`${host}:${port}`, server);
  }

  /** openLdap's contract on this network: a server that is not there refuses the connection. */
  open(endpoint: LdapEndpoint): Result<OpenedLdap> {
    const where = `${endpoint.host}:${endpoint.tlsPort}`;
    this.log.push(`${where} open`);
    const server = this.servers.get(where);
    if (server === undefined)
      return ldapFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), endpoint, `Connecting to ${where}`);
    const connection = { client: this.client(where, server), transport: 'ldaps' as const, endpoint, describe: `ldaps://${where} (${endpoint.address})` };
    return ok({ connection, rootDse: ok(server.rootDse), readAt: new Date(), readMs: 1 });
  }

  private client(where: string, server: FakeServer): Client {
    let bound = false;
    const search = (base: string, options: SearchOptions) => {
      const filter = options.filter ?? '(objectClass=*)';
      this.log.push(`${where} search ${base === '' ? '(root)' : base} ${filter}`);
      if (!bound)
        return Promise.reject(
          new OperationsError('000004DC: LdapErr: DSID-0C090A5C, comment: In order to perform this operation a successful bind must be completed'),
        );
      if (server.failsBelow !== undefined && inScope(base, server.failsBelow, 'sub'))
        return Promise.reject(new OperationsError(`00002098: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS) reading ${base}`));
      const parsed = FilterParser.parseString(filter);
      const searchEntries = server.entries.filter((e) => inScope(e.dn, base, options.scope ?? 'base') && matches(parsed, e)).map((e) => ({ ...e }));
      return Promise.resolve({ searchEntries, searchReferences: [] });
    };
    const fake = {
      bind: (name: string) => {
        this.log.push(`${where} bind ${name}`);
        if (!server.accepts.includes(name)) return Promise.reject(new InvalidCredentialsError(BAD_CREDENTIALS));
        bound = true;
        return Promise.resolve();
      },
      search,
      searchPaginated: async function* (base: string, options: SearchOptions) {
        yield await search(base, options);
      },
      unbind: () => Promise.resolve(),
    };
    return fake as unknown as Client;
  }
}
