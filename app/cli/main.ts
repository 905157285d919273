import { APP_NAME, APP_VERSION } from '../version';
import { EXIT, type CliIo, type ExitCode } from './io';

const USAGE = `${APP_NAME} ${APP_VERSION}: proves and configures Kerberos Constrained Delegation with
client certificates for the Secure Email Gateway.

Usage:
  seg-setup verify --config settings.json [--only ID,ID] [--json] [--report out.html] [--timeout-ms N] [--secrets-stdin]
  seg-setup configure --config settings.json --iis-config PATH [--server seg|exchange|ca] [--dry-run] [--scripts DIR] [--undo BACKUP]
  seg-setup bundle export --config settings.json --out site.segkcd [--report report.json] [--passphrase-stdin]
  seg-setup bundle import site.segkcd [--out DIR] [--force] [--passphrase-stdin]
  seg-setup check-crl URL|FILE [--issuer CA.pem] [--serial HEX] [--list] [--json]
  seg-setup --version
  seg-setup --help
  seg-setup <command> --help

Exit codes: 0 all checks pass (warnings allowed), 1 a check failed, 2 the input or the tool is wrong.
Secrets come from SEG_UEM_PASSWORD, SEG_KCD_PASSWORD, SEG_TEST_MAILBOX_PASSWORD or --secrets-stdin.
`;

type Command = (argv: readonly string[], io: CliIo) => Promise<ExitCode>;

/**
 * Each command is loaded when it is called: `--version` and `--help` load nothing else, and
 * `check-crl` loads no LDAP or Kerberos. Built, each import is the command's own bundle,
 * compiled with its code cache (scripts/build-cli.mjs, ./load-command).
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  verify: async () => {
    // Started before the command's code loads: see root-store-warmup.ts.
    (await import('../net/root-store-warmup')).warmRootStore();
    return (await import('./verify-command')).runVerify;
  },
  bundle: async () => (await import('./bundle-command')).runBundle,
  configure: async () => (await import('./configure')).runConfigure,
  'check-crl': async () => (await import('./check-crl')).runCheckCrl,
};

export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${APP_VERSION}\n`);
    return EXIT.ok;
  }
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(USAGE);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = COMMANDS[first];
  if (!load) {
    io.stderr.write(`seg-setup: unknown command "${first}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  return (await load())(rest, io);
}

/** Entry point for the `seg-setup` binary. */
export async function runFromProcess(): Promise<void> {
  // The standard streams are made when first used: a verify that never reads standard input
  // does not pay ~1.3 ms to open it, and the root store's worker starts before any of them (issue 21).
  const io: CliIo = {
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
  try {
    process.exitCode = await main(process.argv.slice(2), io);
  } catch (error) {
    // A bug: say so without a stack full of paths, and never with argument values.
    process.stderr.write(`seg-setup: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.usage;
  }
}
