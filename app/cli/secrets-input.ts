import { err, ok, type Result } from '../contract/result';
import { SECRET_ENV, secretsFromRecord, type SecretName, type Secrets } from '../config/secrets';

const NAME_BY_ENV = new Map<string, SecretName>(Object.entries(SECRET_ENV).map(([name, env]) => [env, name as SecretName]));

/** Secrets from the environment: argv is never used for them, other users of the machine can read it. */
export function secretsFromEnv(env: NodeJS.ProcessEnv): Secrets {
  const values: Partial<Record<SecretName, string>> = {};
  for (const [envName, name] of NAME_BY_ENV) {
    const value = env[envName];
    if (value !== undefined) values[name] = value;
  }
  return secretsFromRecord(values);
}

/**
 * `--secrets-stdin`: one `NAME=value` a line, NAME being one of the environment variable
 * names. Values may contain `=`; only the first one splits. An unknown name is an error,
 * never silently ignored, since a typo would otherwise look like a missing password.
 */
export function parseSecretsLines(text: string): Result<Secrets> {
  const values: Partial<Record<SecretName, string>> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const envName = eq < 0 ? line.trim() : line.slice(0, eq).trim();
    const name = NAME_BY_ENV.get(envName);
    if (eq < 0 || name === undefined) {
      // Only a name shaped like an environment variable (a typo) is shown: anything else may be a pasted password.
      const shown = eq >= 0 && /^[A-Z][A-Z0-9_]{0,39}$/.test(envName) ? ` (unknown name "${envName}")` : ' (its content is not shown: it may be a password)';
      return err(
        'cli.bad-secret-line',
        `Line ${index + 1} of the secrets on standard input is not NAME=value with a known NAME${shown}`,
        `Use one of ${[...NAME_BY_ENV.keys()].join(', ')}, one a line: NAME=value`,
      );
    }
    values[name] = line.slice(eq + 1);
  }
  return ok(secretsFromRecord(values));
}

/** Environment first, then standard input overrides it. */
export function mergeSecrets(base: Secrets, override: Secrets): Secrets {
  return { ...base, ...override };
}
