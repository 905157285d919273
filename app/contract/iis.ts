export interface ApplyOutcome {
  readonly path: string;
  /** False when the file already held everything: nothing was written, no backup made. */
  readonly changed: boolean;
  /** The copy made before writing, beside the file; null when nothing was written. */
  readonly backupPath: string | null;
}

export interface UndoOutcome {
  readonly path: string;
  readonly restoredFrom: string;
  /** What was replaced is itself backed up, so an undo can be undone. */
  readonly backupOfReplaced: string;
}

export type ServerRole = 'seg' | 'exchange' | 'ca';

/**
 * One thing the plan wants to hold in applicationHost.config, in the terms appcmd uses:
 * a location (`''` = server level, else `Site/App`), a section path and, inside the section,
 * an element path whose collection entries are picked by their key attribute.
 * Plain data: plans cross the IPC boundary and are shown and stored as JSON.
 */
export interface ElementStep {
  readonly name: string;
  readonly key?: { readonly attribute: string; readonly value: string };
}

/** How the current value is judged: IIS reads booleans and enums without regard to case. */
export type Comparison = 'bool' | 'equals' | 'at-least' | 'flags';

export interface AttributeSetting {
  readonly kind: 'attribute';
  readonly location: string;
  readonly section: string;
  readonly element: readonly ElementStep[];
  readonly attribute: string;
  readonly value: string;
  readonly compare: Comparison;
  /** Value IIS uses when no level sets the attribute (IIS_schema.xml). */
  readonly schemaDefault: string;
  /** Element in the same section whose attribute applies when ours is absent (applicationPoolDefaults). */
  readonly defaultsFrom?: readonly ElementStep[];
}

/** An entry that must be present in a collection (`<providers><add value="Negotiate" />`). */
export interface EntrySetting {
  readonly kind: 'entry';
  readonly location: string;
  readonly section: string;
  /** Path to the collection element inside the section. */
  readonly element: readonly ElementStep[];
  readonly entry: { readonly attribute: string; readonly value: string };
}

export type IisSetting = AttributeSetting | EntrySetting;

/** What one plan item is for: the guide's step it implements and the check that proves it. */
export interface ItemSpec {
  /** Stable id, e.g. `seg.upload-read-ahead.site`. */
  readonly id: string;
  /** The check that proves the item once applied, when there is one. */
  readonly check: string | null;
  readonly guideStep: string;
  readonly title: string;
  readonly why: string;
  readonly setting: IisSetting;
}

export interface BlockedSpec {
  readonly id: string;
  readonly guideStep: string;
  readonly title: string;
  readonly reason: string;
}

/** A plan item: its spec, and what the file holds now. */
export interface PlanItem extends ItemSpec {
  /** The value IIS uses now at that place, and where it comes from. */
  readonly current: string;
  readonly currentSource: string;
  /** `done` when the file already holds it (nothing is written for it). */
  readonly state: 'done' | 'change';
}

export interface IisPlan {
  readonly server: ServerRole;
  readonly items: readonly PlanItem[];
  /** Items the tool cannot plan from this file, with the reason (e.g. the SEG is not installed). */
  readonly blocked: readonly BlockedSpec[];
  /** SHA-256 of the text the plan was made from: apply refuses a file that changed since. */
  readonly sourceSha256: string;
}

export interface IisPreview {
  readonly plan: IisPlan;
  /** Unified diff of the file, empty when nothing would change. */
  readonly diff: string;
  /** The same plan as appcmd commands, for doing it on the Windows server itself. */
  readonly appcmd: readonly string[];
}
