/** The KRB-ERROR codes the client acts on (full table with words: errors.ts). */
export const KDC_ERR_C_PRINCIPAL_UNKNOWN = 6;
export const KDC_ERR_S_PRINCIPAL_UNKNOWN = 7;
export const KDC_ERR_POLICY = 12;
export const KDC_ERR_BADOPTION = 13;
export const KDC_ERR_ETYPE_NOSUPP = 14;
export const KDC_ERR_CLIENT_REVOKED = 18;
export const KDC_ERR_PREAUTH_FAILED = 24;
export const KDC_ERR_PREAUTH_REQUIRED = 25;
export const KRB_AP_ERR_SKEW = 37;
export const KRB_ERR_RESPONSE_TOO_BIG = 52;
