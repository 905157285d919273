import { ok } from '../../contract/result';
import type { Secret } from '../../config/secrets';
import { CryptoError } from '../crypto/types';
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

/**
 * AS exchange with PA-ENC-TIMESTAMP (RFC 4120 §3.1, §5.2.7.2): at most two requests, the
 * second only after the KDC asked for pre-authentication. A wrong password is never retried.
 */
export async function getTgt(p: AsParams): Promise<KrbResult<AsResult>> {
  const now = p.now ?? (() => new Date());
  const etypes = p.etypes ?? [ETYPE.AES256_CTS_HMAC_SHA1_96, ETYPE.AES128_CTS_HMAC_SHA1_96];
  const cname: PrincipalName = { nameType: NAME_TYPE.PRINCIPAL, nameString: [p.user] };
  let sentNonce = 0;
  const request = (padata: PaData[]): Uint8Array => {
    const start = now();
    sentNonce = nonce();
    const body = encodeKdcReqBody({
      kdcOptions: flagWord([KDC_OPTION.FORWARDABLE, KDC_OPTION.RENEWABLE, KDC_OPTION.CANONICALIZE]),
      cname,
      realm: p.realm,
      sname: { nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', p.realm] },
      till: new Date(start.getTime() + 10 * 3600_000),
      rtime: new Date(start.getTime() + 7 * 86400_000),
      nonce: sentNonce,
      etypes,
    });
    return encodeKdcReq(MSG_TYPE.AS_REQ, [...padata, { type: PA_TYPE.PAC_REQUEST, value: encodePacRequest(true) }], body);
  };

  const first = p.preauthRequired?.errorCode === KRB_ERR.PREAUTH_REQUIRED ? ok<KdcAnswer>({ kind: 'error', error: p.preauthRequired }) : await callKdc(p.kdc, request([]), MSG_TYPE.AS_REP, p);
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
  const found = etypeInfoFrom(methods);
  if (!found) {
    return { ok: false, error: localFailure(STAGE, 'KRB_NO_ETYPE_INFO2', 'The KDC asked for pre-authentication but sent no PA-ETYPE-INFO2 with a supported encryption type.', 'Give the service account AES keys (set its password again after enabling AES).') };
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
  const second = await callKdc(p.kdc, request([{ type: PA_TYPE.ENC_TIMESTAMP, value: encodeEncryptedData({ etype: entry.etype, cipher: ts }) }]), MSG_TYPE.AS_REP, p);
  if (!second.ok) return { ok: false, error: atStage(STAGE, second.error) };
  if (second.value.kind === 'error') return { ok: false, error: kdcFailure(STAGE, second.value.error, now()) };
  return finish(p, second.value.rep, entry, sentNonce, offered, key);
}

function saltOf(entry: EtypeInfo2Entry, p: AsParams): Uint8Array | string {
  // RFC 4120 §4: the default salt is the realm followed by the name components.
  return entry.salt ?? `${p.realm}${p.user}`;
}

function etypeInfoFrom(padata: readonly PaData[]): EtypeInfo2Entry | undefined {
  const pa = padata.find((x) => x.type === PA_TYPE.ETYPE_INFO2);
  if (!pa) return undefined;
  const entries = decode('PA-ETYPE-INFO2', pa.value, parseEtypeInfo2);
  return entries.ok ? entries.value.find((x) => isSupportedEtype(x.etype)) : undefined;
}

function methodData(eData: Uint8Array): readonly PaData[] {
  const data = decode('METHOD-DATA', eData, parseErrorData);
  return data.ok && data.value.kind === 'method-data' ? data.value.padata : [];
}

function finish(p: AsParams, rep: KdcRep, entry: EtypeInfo2Entry, sentNonce: number, offered: readonly string[], derived?: Uint8Array): KrbResult<AsResult> {
  const etype = rep.encPart.etype;
  const salt = saltOf(etypeInfoFrom(rep.padata) ?? entry, p);
  let plain: Uint8Array;
  try {
    const key = derived !== undefined && etype === entry.etype ? derived : encType(etype).stringToKey(p.password.reveal(), salt, entry.s2kparams);
    plain = encType(etype).decrypt(key, KEY_USAGE.AS_REP_ENC_PART, rep.encPart.cipher);
  } catch (x) {
    if (x instanceof CryptoError) {
      return { ok: false, error: localFailure(STAGE, `KRB_AS_REP_${x.code}`, `Cannot decrypt the AS-REP (${etypeName(etype)}): ${x.message}.`, 'Check the service account password.') };
    }
    throw x;
  }
  const part = decode('EncASRepPart', plain, parseEncKdcRepPart);
  if (!part.ok) return { ok: false, error: atStage(STAGE, part.error) };
  if (part.value.nonce !== sentNonce) {
    return { ok: false, error: localFailure(STAGE, 'KRB_NONCE_MISMATCH', `The AS-REP answers another request (nonce ${part.value.nonce}, sent ${sentNonce}).`) };
  }
  const keyProblem = sessionKeyProblem(part.value.key);
  if (keyProblem !== null) return { ok: false, error: localFailure(STAGE, 'KRB_BAD_SESSION_KEY', `Unusable reply: ${keyProblem}.`) };
  const credential = credentialFrom(rep.crealm, rep.cname, rep.ticket, part.value, p.kdc);
  const saltText = typeof salt === 'string' ? salt : Buffer.from(salt).toString('latin1');
  const iterations = entry.s2kparams?.length === 4 ? Buffer.from(entry.s2kparams).readUInt32BE(0) : undefined;
  return { ok: true, value: { credential, preauth: { etype: entry.etype, salt: saltText, ...(iterations === undefined ? {} : { iterations }) }, offered } };
}
