import type { CheckDefinition } from '../types';
import { asa } from './asa';
import { bind } from './bind';

export { LDAPS_TRUST } from './bind';
import { enctypes } from './enctypes';
import { ntauth } from './ntauth';
import { svcAllowedToDelegate } from './svc-allowed-to-delegate';
import { svcProtocolTransition } from './svc-protocol-transition';
import { svcSpn } from './svc-spn';
import { targetSpn } from './target-spn';
import { userDelegable } from './user-delegable';

/** The ad.* checks of product.md's catalogue, in catalogue order: one file each. */
export const AD_CHECKS: readonly CheckDefinition[] = [
  bind,
  svcSpn,
  svcProtocolTransition,
  svcAllowedToDelegate,
  targetSpn,
  asa,
  ntauth,
  userDelegable,
  enctypes,
];
