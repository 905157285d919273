import { err, type Result } from '../contract/result';
import type { Certificate } from './certificate';
import { decodeCertificates } from './certificate-import';
import { httpGet, readBody, type HttpGetOptions } from './http-get';

const MAX_AIA_BYTES = 1024 * 1024;

/** Downloads an AIA caIssuers URL (a .crt in DER or PEM, or a .p7c bundle) into certificates. */
export async function fetchIssuerCertificates(url: string, http: Omit<HttpGetOptions, 'maxBytes'>): Promise<Result<Certificate[]>> {
  const response = await httpGet(url, { ...http, maxBytes: MAX_AIA_BYTES });
  if (!response.ok) return err(`pki.aia.${response.error.kind}`, response.error.message);
  const body = await readBody(response.value, MAX_AIA_BYTES);
  if (!body.ok) return err(`pki.aia.${body.error.kind}`, body.error.message);
  const decoded = await decodeCertificates({ bytes: body.value });
  if (!decoded.ok) return err('pki.aia.not-a-certificate', `${url} does not hold a certificate: ${decoded.error.message}`);
  return { ok: true, value: [...decoded.value.certificates] };
}
