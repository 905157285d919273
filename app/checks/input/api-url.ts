import { apiUrlProblem } from '../../config/field-rules';
import { inputCheck, offlineReason } from './input-rule';

export interface ApiUrlFacts {
  readonly apiUrl: string;
}

export const apiUrl = inputCheck<ApiUrlFacts>({
  id: 'input.api-url',
  title: 'UEM API server URL',
  where: 'UEM API step',
  applies: offlineReason,
  read: (s) => ({ apiUrl: s.uem.apiUrl }),
  findings: (f) => [{ field: 'uem.apiUrl', problem: apiUrlProblem(f.apiUrl) }],
});
