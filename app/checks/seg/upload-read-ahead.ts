import { planCheck } from './plan-check';

export const uploadReadAhead = planCheck('seg.upload-read-ahead', 'uploadReadAheadSize is 10485760 at server and site level');
