import { artifactKey, type CheckContext } from '../types';
import { pkiInputs } from './pki-inputs';

/** Who the sample device certificate names: the input to S4U2Self. */
export interface DeviceIdentity {
  /** SAN otherName UPN (1.3.6.1.4.1.311.20.2.3), e.g. alice@se.airwlab.com; null when absent. */
  readonly upn: string | null;
  readonly emails: readonly string[];
  readonly subject: string;
  readonly serialNumber: string;
}

/** Provided by pki.device-cert when the certificate names a user. */
export const DEVICE_IDENTITY = artifactKey<DeviceIdentity>('pki.device-identity');

/** The device certificate's identity, read from the settings once per run (no dependency on pki.device-cert needed). */
export async function deviceIdentity(ctx: CheckContext): Promise<DeviceIdentity | null> {
  const { device } = await pkiInputs(ctx);
  if (device === null) return null;
  const { san, subject, serialNumber } = device.summary;
  return { upn: san.upn[0] ?? null, emails: san.email, subject, serialNumber };
}

/** The UPN Kerberos impersonates for this device (S4U2Self), or null when the certificate has none. */
export async function deviceUpn(ctx: CheckContext): Promise<string | null> {
  return (await deviceIdentity(ctx))?.upn ?? null;
}
