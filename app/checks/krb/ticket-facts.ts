import { etypeName } from '../../kerberos/constants';
import type { Credential } from '../../kerberos/client/credential';
import type { KdcEndpoint } from '../../kerberos/client/transport';
import { hasFlag, ticketFlagLetters, ticketFlagNames } from '../../kerberos/messages/flags';
import { principalText } from '../../kerberos/messages/principal';

/**
 * What a ticket shows without its secrets: the names, the etypes (the session key's type, never
 * the key), the flags and times the KDC put in its encrypted reply, and which KDC issued it.
 */
export interface TicketFacts {
  readonly client: string;
  /** The service without its realm (as setspn names it) and its realm. */
  readonly service: string;
  readonly serviceRealm: string;
  readonly ticketEtype: number;
  readonly ticketKvno?: number;
  readonly sessionKeyEtype: number;
  readonly flags: number;
  readonly validFrom: string;
  readonly validTo: string;
  readonly kdc: KdcEndpoint;
}

const FORWARDABLE = 1;

export function ticketFacts(c: Credential): TicketFacts {
  const kvno = c.ticket.encPart.kvno;
  return {
    client: principalText(c.cname, c.crealm),
    service: principalText(c.sname),
    serviceRealm: c.srealm,
    ticketEtype: c.ticket.encPart.etype,
    ...(kvno === undefined ? {} : { ticketKvno: kvno }),
    sessionKeyEtype: c.sessionKey.etype,
    flags: c.flags,
    validFrom: (c.starttime ?? c.authtime).toISOString(),
    validTo: c.endtime.toISOString(),
    kdc: { host: c.kdc.host, address: c.kdc.address, port: c.kdc.port },
  };
}

export const forwardable = (t: Pick<TicketFacts, 'flags'>): boolean => hasFlag(t.flags, FORWARDABLE);

/** `HTTP/host@REALM`: the ticket's service with its realm. */
export const serviceText = (t: Pick<TicketFacts, 'service' | 'serviceRealm'>): string => `${t.service}@${t.serviceRealm}`;

/** Evidence lines for a check: who, for what, which etypes and flags, from which KDC. Never the key. */
export function ticketEvidence(t: TicketFacts): string[] {
  return [
    `client: ${t.client}`,
    `service: ${serviceText(t)}`,
    `ticket etype: ${etypeName(t.ticketEtype)}${t.ticketKvno === undefined ? '' : ` (kvno ${t.ticketKvno})`}`,
    `session key etype: ${etypeName(t.sessionKeyEtype)}`,
    `flags: ${ticketFlagLetters(t.flags)} (${ticketFlagNames(t.flags).join(', ') || 'none'})`,
    `valid: ${t.validFrom} to ${t.validTo}`,
    `KDC: ${t.kdc.host} (${t.kdc.address}:${t.kdc.port}, TCP)`,
  ];
}
