import { ok } from '../../contract/result';
import type { Secret } from '../../config/secrets';
import { CryptoError, MIN_KDC_ITERATIONS } from '../crypto/types';
import { encType, isSupportedEtype } from '../crypto/registry';
import { ETYPE, KDC_OPTION, KRB_ERR, KEY_USAGE, MSG_TYPE, NAME_TYPE, PA_TYPE, PA_TYPE_NAMES, etypeName } from '../constants';
import { flagWord } from '../asn1/der-writer';
import { encodeEncryptedData, type PaData } from '../messages/common';
import { decode } from '../messages/decode';
import { parseEncKdcRepPart } from '../messages/enc-kdc-rep-part';
import { encodeKdcReq, encodeKdcReqBody } from '../messages/kdc-req';
import type { KdcRep } from '../messages/kdc-rep';
import type { KrbError } from '../messages/krb-error';
import { parseErrorData } from '../messages/kerb-error-data';
import { encodePacRequest, encodePaEncTsEnc, parseEtypeInfo2, type EtypeInfo2Entry } from '../messages/pa-data';
import type { PrincipalName } from '../messages/principal';
import { callKdc, type CallOptions, type KdcAnswer } from './kdc-call';
import { credentialFrom, sessionKeyProblem, type Credential } from './credential';
import { atStage, kdcFailure, localFailure, type KrbResult } from './failure';
import { replyNameProblem } from './reply-names';
import { nonce } from './time';
import type { KdcEndpoint } from './transport';

export interface AsParams extends CallOptions {
  readonly kdc: KdcEndpoint;
  readonly realm: string;
  readonly user: string;
  readonly password: Secret;
  /** Offered in this order; AES only unless RC4 is asked for. */
  readonly etypes?: readonly number[];
  readonly now?: () => Date;
  /**
   * The KDC's PREAUTH_REQUIRED answer to an AS-REQ without pre-authentication for this
   * principal and these etypes, already received (the run's clock probe): the exchange then
   * starts at the pre-authenticated request instead of asking the same question again.
   */
  readonly preauthRequired?: KrbError;
}

export interface AsResult {
  readonly credential: Credential;
  /** The ETYPE-INFO2 entry the key came from (etype, salt), for evidence. */
  readonly preauth: { readonly etype: number; readonly salt: string; readonly iterations?: number };
  /** The pre-authentication methods the KDC listed in its PREAUTH_REQUIRED answer (names). */
  readonly offered: readonly string[];
}

const STAGE = 'as';
const DEFAULT_ETYPES: readonly number[] = [ETYPE.AES256_CTS_HMAC_SHA1_96, ETYPE.AES128_CTS_HMAC_SHA1_96];

/**
 * AS exchange with PA-ENC-TIMESTAMP (RFC 4120 §3.1, §5.2.7.2): at most two requests, the
 * second only after the KDC asked for pre-authentication. A wrong password is never retried.
 */
export async function getTgt(p: AsParams): Promise<KrbResult<AsResult>> {
  const now = p.now ?? (() => new Date());
  const etypes = p.etypes ?? DEFAULT_ETYPES;
  const cname = clientName(p);
  let sentNonce = 0;
  const request = (padata: PaData[]): Uint8Array => {
    const start = now();
    sentNonce = nonce();
    const body = encodeKdcReqBody({
      kdcOptions: flagWord([KDC_OPTION.FORWARDABLE, KDC_OPTION.RENEWABLE, KDC_OPTION.CANONICALIZE]),
      cname,
      realm: p.realm,
      sname: krbtgtName(p),
      till: new Date(start.getTime() + 10 * 3600_000),
      rtime: new Date(start.getTime() + 7 * 86400_000),
      nonce: sentNonce,
      etypes,
    });
    return encodeKdcReq(MSG_TYPE.AS_REQ, [...padata, { type: PA_TYPE.PAC_REQUEST, value: encodePacRequest(true) }], body);
  };

  const first =
    p.preauthRequired?.errorCode === KRB_ERR.PREAUTH_REQUIRED
      ? ok<KdcAnswer>({ kind: 'error', error: p.preauthRequired })
      : await callKdc(p.kdc, request([]), MSG_TYPE.AS_REP, p);
  if (!first.ok) return { ok: false, error: atStage(STAGE, first.error) };
  let entry: EtypeInfo2Entry;
  if (first.value.kind === 'rep') {
    // No pre-authentication required: the key still comes from the salt the KDC names, if any.
    entry = etypeInfoFrom(first.value.rep.padata) ?? { etype: first.value.rep.encPart.etype };
    return finish(p, first.value.rep, entry, sentNonce, []);
  }
  const e = first.value.error;
  if (e.errorCode !== KRB_ERR.PREAUTH_REQUIRED) return { ok: false, error: kdcFailure(STAGE, e, now()) };
  const methods = e.eData ? methodData(e.eData) : [];
  const offered = methods.map((m) => PA_TYPE_NAMES[m.type] ?? `PA-DATA ${m.type}`);
  const listed = etypeInfoEntries(methods);
  const found = listed.find((x) => etypes.includes(x.etype) && isSupportedEtype(x.etype));
  if (!found && listed.length > 0) {
    // ETYPE-INFO2 comes in an unauthenticated error: following it to an etype we did not offer would let anyone on the path choose RC4 (the NT hash).
    return {
      ok: false,
      error: localFailure(
        STAGE,
        'KRB_ETYPE_NOT_OFFERED',
        `The KDC asked for pre-authentication with ${listed.map((x) => etypeName(x.etype)).join(', ')}, not one this client offered (${etypes.map(etypeName).join(', ')}); nothing was sent under that key.`,
        'Give the service account AES keys (set its password again after enabling AES); if it has them, something between this machine and the KDC changed the answer.',
      ),
    };
  }
  if (!found) {
    return {
      ok: false,
      error: localFailure(
        STAGE,
        'KRB_NO_ETYPE_INFO2',
        'The KDC asked for pre-authentication but sent no PA-ETYPE-INFO2 with a supported encryption type.',
        'Give the service account AES keys (set its password again after enabling AES).',
      ),
    };
  }
  const weak = weakIterations(found);
  if (weak !== null) {
    return {
      ok: false,
      error: localFailure(
        STAGE,
        'KRB_WEAK_S2KPARAMS',
        `The KDC asked for ${etypeName(found.etype)} with ${weak} PBKDF2 iteration${weak === 1 ? '' : 's'}; at least ${MIN_KDC_ITERATIONS} (RFC 3962's default) are required, so nothing was sent under that key.`,
        'No KDC of Active Directory or MIT asks for fewer: check what answers on the KDC address.',
      ),
    };
  }
  entry = found;
  let key: Uint8Array;
  try {
    key = encType(entry.etype).stringToKey(p.password.reveal(), saltOf(entry, p), entry.s2kparams);
  } catch (x) {
    if (x instanceof CryptoError) return { ok: false, error: localFailure(STAGE, `KRB_${x.code}`, x.message) };
    throw x;
  }
  const ts = encType(entry.etype).encrypt(key, KEY_USAGE.AS_REQ_PA_ENC_TIMESTAMP, encodePaEncTsEnc(now()));
  const second = await callKdc(
    p.kdc,
    request([{ type: PA_TYPE.ENC_TIMESTAMP, value: encodeEncryptedData({ etype: entry.etype, cipher: ts }) }]),
    MSG_TYPE.AS_REP,
    p,
  );
  if (!second.ok) return { ok: false, error: atStage(STAGE, second.error) };
  if (second.value.kind === 'error') return { ok: false, error: kdcFailure(STAGE, second.value.error, now()) };
  return finish(p, second.value.rep, entry, sentNonce, offered, key);
}

const clientName = (p: AsParams): PrincipalName => ({ nameType: NAME_TYPE.PRINCIPAL, nameString: [p.user] });
const krbtgtName = (p: AsParams): PrincipalName => ({ nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', p.realm] });

function saltOf(entry: EtypeInfo2Entry, p: AsParams): Uint8Array | string {
  // RFC 4120 §4: the default salt is the realm followed by the name components.
  return entry.salt ?? `${p.realm}${p.user}`;
}

function etypeInfoEntries(padata: readonly PaData[]): readonly EtypeInfo2Entry[] {
  const pa = padata.find((x) => x.type === PA_TYPE.ETYPE_INFO2);
  if (!pa) return [];
  const entries = decode('PA-ETYPE-INFO2', pa.value, parseEtypeInfo2);
  return entries.ok ? entries.value : [];
}

function etypeInfoFrom(padata: readonly PaData[]): EtypeInfo2Entry | undefined {
  return etypeInfoEntries(padata).find((x) => isSupportedEtype(x.etype));
}

/** The iteration count of an AES entry's s2kparams when it is below the floor; null when it is acceptable or not AES. */
function weakIterations(entry: EtypeInfo2Entry): number | null {
  if (entry.etype === ETYPE.RC4_HMAC || entry.s2kparams?.length !== 4) return null;
  const iterations = Buffer.from(entry.s2kparams).readUInt32BE(0);
  return iterations < MIN_KDC_ITERATIONS ? iterations : null;
}

function methodData(eData: Uint8Array): readonly PaData[] {
  const data = decode('METHOD-DATA', eData, parseErrorData);
  return data.ok && data.value.kind === 'method-data' ? data.value.padata : [];
}

function finish(p: AsParams, rep: KdcRep, entry: EtypeInfo2Entry, sentNonce: number, offered: readonly string[], derived?: Uint8Array): KrbResult<AsResult> {
  const etype = rep.encPart.etype;
  const offeredEtypes = p.etypes ?? DEFAULT_ETYPES;
  if (!offeredEtypes.includes(etype)) {
    return {
      ok: false,
      error: localFailure(
        STAGE,
        'KRB_ETYPE_NOT_OFFERED',
        `The AS-REP is sealed with ${etypeName(etype)}, not an etype this client offered (${offeredEtypes.map(etypeName).join(', ')}); it was not opened.`,
        'Something between this machine and the KDC changed the answer, or the KDC ignores the etypes of the request.',
      ),
    };
  }
  const salt = saltOf(etypeInfoFrom(rep.padata) ?? entry, p);
  let plain: Uint8Array;
  try {
    const key = derived !== undefined && etype === entry.etype ? derived : encType(etype).stringToKey(p.password.reveal(), salt, entry.s2kparams);
    plain = encType(etype).decrypt(key, KEY_USAGE.AS_REP_ENC_PART, rep.encPart.cipher);
  } catch (x) {
    if (x instanceof CryptoError) {
      return {
        ok: false,
        error: localFailure(
          STAGE,
          `KRB_AS_REP_${x.code}`,
          `Cannot decrypt the AS-REP (${etypeName(etype)}): ${x.message}.`,
          'Check the service account password.',
        ),
      };
    }
    throw x;
  }
  const part = decode('EncASRepPart', plain, parseEncKdcRepPart);
  if (!part.ok) return { ok: false, error: atStage(STAGE, part.error) };
  if (part.value.nonce !== sentNonce) {
    return {
      ok: false,
      error: localFailure(STAGE, 'KRB_NONCE_MISMATCH', `The AS-REP answers another request (nonce ${part.value.nonce}, sent ${sentNonce}).`),
    };
  }
  const keyProblem = sessionKeyProblem(part.value.key);
  if (keyProblem !== null) return { ok: false, error: localFailure(STAGE, 'KRB_BAD_SESSION_KEY', `Unusable reply: ${keyProblem}.`) };
  const names = replyNameProblem(STAGE, 'AS-REP', [
    { role: 'client', got: { name: rep.cname, realm: rep.crealm }, asked: { name: clientName(p), realm: p.realm } },
    { role: 'service', got: { name: part.value.sname, realm: part.value.srealm }, asked: { name: krbtgtName(p), realm: p.realm } },
  ]);
  if (names !== null) return { ok: false, error: names };
  const credential = credentialFrom(rep.crealm, rep.cname, rep.ticket, part.value, p.kdc);
  const saltText = typeof salt === 'string' ? salt : Buffer.from(salt).toString('latin1');
  const iterations = entry.s2kparams?.length === 4 ? Buffer.from(entry.s2kparams).readUInt32BE(0) : undefined;
  return { ok: true, value: { credential, preauth: { etype: entry.etype, salt: saltText, ...(iterations === undefined ? {} : { iterations }) }, offered } };
}
