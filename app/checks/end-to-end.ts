import type { CheckId } from '../contract/check-ids';

/**
 * The check that proves the whole path: a device certificate's S4U2Proxy ticket, accepted by
 * ActiveSync as the certificate's user. A run is "ready" only when this one passed.
 */
export const END_TO_END_CHECK: CheckId = 'eas.kcd-end-to-end';
