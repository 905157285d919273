import { inputCheck } from './input-rule';

export interface MemConfigFacts {
  readonly memConfigName: string;
}

export const memConfig = inputCheck<MemConfigFacts>({
  id: 'input.mem-config',
  title: 'MEM configuration friendly name',
  where: 'Organization group step',
  read: (s) => ({ memConfigName: s.organizationGroup.memConfigName }),
  findings: (f) => [
    {
      field: 'organizationGroup.memConfigName',
      problem: f.memConfigName.trim() === '' ? 'The MEM configuration friendly name is required; it must match the one made on the UEM console' : null,
    },
  ],
});
