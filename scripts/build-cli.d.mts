import type { Metafile, OutputFile } from 'esbuild';

/** The commands, each bundled into dist/cli/commands/<name>.cjs (see build-cli.mjs). */
export declare const COMMANDS: readonly string[];
/** Every file of dist/cli/commands/ (<name>.cjs), each with its code cache: the commands and verify-more. */
export declare const COMMAND_FILES: readonly string[];
/** Importer → the dynamic imports of it that verify-command takes from verify-more.cjs. */
export declare const VERIFY_MORE: Readonly<Record<string, readonly string[]>>;
/** Package → its file in dist/cli/vendor/ (<name>.cjs). */
export declare const VENDOR: Readonly<Record<string, string>>;
export declare function buildCli(root: string, options?: { write?: boolean }): Promise<{ outputs: Metafile['outputs']; files: OutputFile[] }>;
