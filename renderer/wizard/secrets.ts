import type { SecretsInput } from '../../app/contract/core-api';

/** The three passwords the wizard asks for; kept in React state only. */
export interface SecretsState {
  readonly uemPassword: string;
  readonly kcdPassword: string;
  readonly testMailboxPassword: string;
}

export const NO_SECRETS: SecretsState = { uemPassword: '', kcdPassword: '', testMailboxPassword: '' };

/** What startVerify receives: an empty field means "not given", so checks that need it are skipped, naming it. */
export function secretsForVerify(secrets: SecretsState): SecretsInput {
  return {
    ...(secrets.uemPassword !== '' ? { uemPassword: secrets.uemPassword } : {}),
    ...(secrets.kcdPassword !== '' ? { kcdPassword: secrets.kcdPassword } : {}),
    ...(secrets.testMailboxPassword !== '' ? { testMailboxPassword: secrets.testMailboxPassword } : {}),
  };
}
