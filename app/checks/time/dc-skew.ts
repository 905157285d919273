import { kdcForRealm } from '../../kerberos/client/kdc-address';
import { krbErrorInfo } from '../../kerberos/errors';
import { SKEW_WARN_MS, describeOffset, judgeSkew, offsetMs, type ClockReading } from '../../net/clock-skew';
import { nativeArg } from '../../scripts/quote';
import { defineCheck } from '../define';
import type { CheckContext } from '../types';
import { dcConnection, homeDomain } from '../run/ad-session';
import { serviceAccountProbe } from '../run/service-account-probe';

/** One reading of the DC's clock, as JSON: times as ISO strings. */
export interface RecordedReading {
  readonly kind: ClockReading['kind'];
  readonly source: string;
  readonly dc: string;
  readonly local: string;
  readonly resolutionMs: number;
}

export type DcSkewFacts =
  | { readonly domain: 'unknown'; readonly message: string; readonly remedy: string }
  | {
      readonly domain: 'known';
      readonly dcFqdn: string;
      readonly readings: readonly RecordedReading[];
      /** Clocks that could not be read, and why. */
      readonly notRead: readonly string[];
    };

const asReading = (r: RecordedReading): ClockReading => ({ ...r, dc: new Date(r.dc), local: new Date(r.local) });
const recorded = (r: ClockReading): RecordedReading => ({ ...r, dc: r.dc.toISOString(), local: r.local.toISOString() });

/** The DC's clock from the KDC's KRB-ERROR stime and from the rootDSE that opened the run's DC connection. */
async function gather(ctx: CheckContext): Promise<DcSkewFacts> {
  const domain = homeDomain(ctx);
  if (!domain.ok) return { domain: 'unknown', message: domain.error.message, remedy: domain.error.remedy ?? '' };
  const { dcFqdn, realm } = domain.value;
  const readings: ClockReading[] = [];
  const notRead: string[] = [];

  const kdc = await kdcForRealm(ctx.settings, realm, { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
  if (kdc.ok) {
    const probe = await serviceAccountProbe(ctx, kdc.value, realm);
    if (probe.ok && probe.value.answer.kind === 'krb-error') {
      const { kdcTime, error } = probe.value.answer;
      readings.push({
        kind: 'kdc',
        source: `KDC ${dcFqdn}:88 (stime of ${krbErrorInfo(error.errorCode).name})`,
        dc: kdcTime,
        local: probe.value.localTime,
        resolutionMs: Math.ceil(probe.value.ms / 2),
      });
    } else {
      notRead.push(`KDC ${dcFqdn}:88: ${probe.ok ? 'answered with an AS-REP, which carries no clock in clear' : probe.error.message}`);
    }
  } else {
    notRead.push(`KDC: ${kdc.error.message}`);
  }

  // The rootDSE read that opened the run's DC connection: its currentTime is the DC's clock then.
  const dc = await dcConnection(ctx);
  const dcTime = dc.ok ? dc.value.rootDse.currentTime : undefined;
  if (dc.ok && dcTime !== undefined) {
    const { readAt, readMs, connection } = dc.value;
    readings.push({
      kind: 'ldap',
      source: `rootDSE currentTime via ${connection.describe}`,
      dc: dcTime,
      local: readAt,
      resolutionMs: 1000 + Math.ceil(readMs / 2),
    });
  } else {
    notRead.push(`rootDSE of ${dcFqdn}: ${dc.ok ? 'no currentTime' : dc.error.message}`);
  }
  return { domain: 'known', dcFqdn, readings: readings.map(recorded), notRead };
}

export const dcSkew = defineCheck<DcSkewFacts>({
  id: 'time.dc-skew',
  title: "Local clock within 5 minutes of the domain controller's",
  dependsOn: ['input.dc-host', 'input.realm'],
  network: true,
  gather,
  judge(facts) {
    if (facts.domain === 'unknown') return { status: 'fail', evidence: [facts.message], remedy: facts.remedy };
    const { dcFqdn } = facts;
    const readings = facts.readings.map(asReading);
    const evidence = [
      ...readings.map((r) => `${r.source}: DC ${r.dc.toISOString()}, local ${r.local.toISOString()}, this machine is ${describeOffset(offsetMs(r))}`),
      ...facts.notRead.map((n) => `not read: ${n}`),
    ];
    const verdict = judgeSkew(readings);
    // No clock read is no finding about the clock: a DC that does not answer is named by the
    // checks that talk to it (net.paths, ad.bind, krb.as), and must not be blamed on the time.
    if (verdict === null) {
      return { status: 'skip', evidence, reason: `the clock of ${dcFqdn} could not be read: ${facts.notRead.join('; ')}` };
    }
    if (verdict.spreadMs > SKEW_WARN_MS) {
      evidence.push(
        `the KDC and LDAP clocks of ${dcFqdn} differ by ${describeOffset(verdict.spreadMs).replace(/ (ahead of|behind) the DC$/, '')}: the KDC's is the one Kerberos uses`,
      );
    }
    const offset = describeOffset(offsetMs(verdict.primary));
    const command = `w32tm /config ${nativeArg(`/manualpeerlist:${dcFqdn}`)} /syncfromflags:manual /update; w32tm /resync /force`;
    if (verdict.level === 'fail') {
      return {
        status: 'fail',
        evidence,
        remedy: `This machine is ${offset}: beyond 5 minutes the KDC answers KRB_AP_ERR_SKEW (37) and no ticket is issued. Synchronise the SEG's clock with the domain (it is not domain-joined, so point it at the DC by hand), or fix the DC's time source if the DC is the one that is wrong.`,
        command,
      };
    }
    if (verdict.level === 'warn') {
      return {
        status: 'warn',
        evidence,
        remedy: `This machine is ${offset}: within Kerberos' 5 minutes, but drifting. Synchronise it with the domain before it reaches the limit.`,
        command,
      };
    }
    return { status: 'pass', evidence };
  },
});
