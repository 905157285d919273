import { targetSpnProblem } from '../../config/field-rules';
import { inputCheck } from './input-rule';

export interface TargetSpnFacts {
  readonly targetSpn: string;
}

export const targetSpn = inputCheck<TargetSpnFacts>({
  id: 'input.target-spn',
  title: 'Target SPN',
  where: 'KCD step',
  read: (s) => ({ targetSpn: s.kcd.targetSpn }),
  findings: (f) => [{ field: 'kcd.targetSpn', problem: targetSpnProblem(f.targetSpn) }],
});
