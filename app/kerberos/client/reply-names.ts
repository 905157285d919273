import type { PrincipalName } from '../messages/principal';
import { principalText } from '../messages/principal';
import { localFailure, type KdcFailure } from './failure';

interface Named {
  readonly name: PrincipalName;
  readonly realm: string;
}

// AD and Samba canonicalize the case of names and realms (CANONICALIZE is asked for); anything else is another principal.
const same = (a: Named, b: Named) =>
  a.realm.toUpperCase() === b.realm.toUpperCase() && principalText(a.name).toLowerCase() === principalText(b.name).toLowerCase();

/**
 * RFC 4120 §3.1.5 and §3.3.3.1: the client compares the reply's client name and the encrypted
 * part's service name with what it asked for, so a reply cut from another exchange (spliced
 * by someone on the path) is not taken for ours. Null when both match.
 */
export function replyNameProblem(
  stage: string,
  reply: string,
  checks: readonly { readonly role: 'client' | 'service'; readonly got: Named; readonly asked: Named }[],
): KdcFailure | null {
  const wrong = checks.find((c) => !same(c.got, c.asked));
  if (!wrong) return null;
  return localFailure(
    stage,
    'KRB_REPLY_NAME_MISMATCH',
    `The ${reply} names ${wrong.role} ${principalText(wrong.got.name, wrong.got.realm)}, asked for ${principalText(wrong.asked.name, wrong.asked.realm)}: it answers another request.`,
    'Something between this machine and the KDC changed the answer, or another service answers on the KDC address.',
  );
}
