import { hostNameProblem, ipAddressProblem, timeoutProblem } from '../../config/field-rules';
import { inputCheck } from './input-rule';

export interface NetworkFacts {
  /** Names pinned to addresses, as the settings file gives them. */
  readonly hosts: Readonly<Record<string, string>>;
  readonly dnsServer: string;
  readonly timeoutMs: number;
}

export const network = inputCheck<NetworkFacts>({
  id: 'input.network',
  title: 'Network settings',
  where: 'settings file, "network"',
  read: (s) => ({ hosts: s.network.hosts, dnsServer: s.network.dnsServer, timeoutMs: s.network.timeoutMs }),
  findings: (f) => [
    ...Object.entries(f.hosts).map(([name, address]) => ({
      field: `network.hosts.${name}`,
      problem: hostNameProblem(name, `The pinned name "${name}"`) ?? ipAddressProblem(address, `The address pinned for ${name}`),
    })),
    { field: 'network.dnsServer', problem: f.dnsServer === '' ? null : ipAddressProblem(f.dnsServer, 'The DNS server') },
    { field: 'network.timeoutMs', problem: timeoutProblem(f.timeoutMs) },
  ],
});
