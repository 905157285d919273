import { planCheck } from './plan-check';

export const appPool = planCheck('seg.app-pool', 'The SEG application pool runs as NetworkService with 32-bit applications enabled');
