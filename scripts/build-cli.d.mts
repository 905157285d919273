import type { Metafile, OutputFile } from 'esbuild';

/** The commands, each bundled into dist/cli/commands/<name>.cjs (see build-cli.mjs). */
export declare const COMMANDS: readonly string[];
/** Package → its file in dist/cli/vendor/ (<name>.cjs). */
export declare const VENDOR: Readonly<Record<string, string>>;
export declare function buildCli(root: string, options?: { write?: boolean }): Promise<{ outputs: Metafile['outputs']; files: OutputFile[] }>;
