import { ARGUMENT_SCHEMAS } from './arguments';
import { CORE_METHODS, type CoreApi, type CoreMethod } from '../contract/core-api';
import { err, type Result } from '../contract/result';
import { describeSchemaIssues } from '../config/schema-issues';

export function isCoreMethod(name: string): name is CoreMethod {
  return (CORE_METHODS as readonly string[]).includes(name);
}

/**
 * The single entry for calls from outside the process: method name and untrusted JSON in,
 * a Result out. Unknown methods and wrongly shaped arguments are refused before the core
 * sees them, and nothing thrown inside crosses the boundary.
 */
export async function dispatch(api: CoreApi, method: string, args: unknown): Promise<Result<unknown>> {
  if (!isCoreMethod(method)) return err('api.unknown-method', `There is no API method "${method.slice(0, 80)}"`);
  const parsed = ARGUMENT_SCHEMAS[method].safeParse(args);
  if (!parsed.success) {
    return err('api.bad-arguments', `Wrong arguments for ${method}: ${describeSchemaIssues(parsed.error.issues, '(arguments)', 3)}`);
  }
  try {
    const call = api[method] as (a: unknown) => Promise<Result<unknown>>;
    return await call.call(api, parsed.data);
  } catch (error) {
    return err(
      'api.internal',
      `${method} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      'This is a fault in SEG KCD Setup; please report it.',
    );
  }
}
