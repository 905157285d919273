import type { Credential } from '../../kerberos/client/credential';
import { artifactKey } from '../types';

/** The service account's TGT (krb.as), the user's S4U2Self ticket and the proxied service ticket. */
export const KRB_TGT = artifactKey<Credential>('krb.tgt');
export const KRB_S4U2SELF = artifactKey<{ readonly credential: Credential; readonly upn: string }>('krb.s4u2self');
export const KRB_S4U2PROXY = artifactKey<Credential>('krb.s4u2proxy');
