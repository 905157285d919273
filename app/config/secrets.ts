import { inspect } from 'node:util';

/**
 * A password or key held in memory. Every way a value can be printed — String(),
 * JSON.stringify, console.log/util.inspect, template literals — shows a placeholder,
 * so a secret cannot reach a log, report or crash dump by accident. Only reveal()
 * gives the value, and only code that sends it to a server calls it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}

/** The secrets the product knows, by the environment variable that carries each to the CLI. */
export const SECRET_ENV = {
  uemPassword: 'SEG_UEM_PASSWORD',
  kcdPassword: 'SEG_KCD_PASSWORD',
  testMailboxPassword: 'SEG_TEST_MAILBOX_PASSWORD',
} as const;

export type SecretName = keyof typeof SECRET_ENV;

export type Secrets = Partial<Record<SecretName, Secret>>;

export function secretsFromRecord(values: Partial<Record<SecretName, string>>): Secrets {
  const out: Secrets = {};
  for (const name of Object.keys(SECRET_ENV) as SecretName[]) {
    const value = values[name];
    if (value !== undefined && value !== '') out[name] = new Secret(value);
  }
  return out;
}
