import { planCheck } from './plan-check';

export const clientCertMapping = planCheck('seg.client-cert-mapping', 'Active Directory client certificate mapping is on for ActiveSync');
