export type ScriptShell = 'powershell' | 'cmd' | 'reg' | 'krb5';

/** How the file must be saved for its program to read every character as written. */
export type ScriptEncoding =
  /** cmd.exe: UTF-8 without BOM (a BOM breaks the first line), with `chcp 65001` inside. */
  | 'utf8'
  /** Windows PowerShell 5.1 reads a BOM-less file as ANSI: the BOM keeps non-ASCII intact. */
  | 'utf8-bom'
  /** regedit's own export format. */
  | 'utf16le-bom';

export interface GeneratedScript {
  /** Stable id, e.g. `ad-delegation`. */
  readonly id: string;
  readonly fileName: string;
  readonly title: string;
  readonly shell: ScriptShell;
  /** Who runs it (which rights), and where; also written at the top of the file. */
  readonly runBy: string;
  readonly runOn: string;
  readonly guideStep: string;
  /** Registry changes for troubleshooting only: to be removed afterwards. */
  readonly troubleshootingOnly: boolean;
  readonly content: string;
  readonly encoding: ScriptEncoding;
}

/** A script that could not be generated from these settings, and why. */
export interface RefusedScript {
  readonly id: string;
  readonly title: string;
  readonly reason: string;
}

/** The values a script needs that the settings do not hold, by name. */
export interface ScriptInputValues {
  /** Host name clients use for the CA's web server, for the HTTP CDP and AIA URLs. */
  readonly caWebHost?: string;
}

/** A script input shown on the Configure step: the value the scripts were made with and where it came from. */
export interface ScriptInput {
  readonly key: keyof ScriptInputValues;
  readonly label: string;
  /** What it is for, with an example. */
  readonly help: string;
  /** The value the scripts were made with; empty when nothing gave one. */
  readonly value: string;
  /** Where the value was read from when the admin did not type one ("the CRL distribution point of the device certificate"). */
  readonly derivedFrom: string | null;
  /** Ids of the scripts that use it. */
  readonly usedBy: readonly string[];
}
