export interface ConsoleChecklist {
  readonly id: 'mem-configuration' | 'eas-profile';
  readonly title: string;
  /** Where in the console, as the guide words it. */
  readonly where: string;
  readonly guideStep: string;
  readonly entries: readonly ChecklistEntry[];
}

/** One field to set in the UEM console, with the value to enter. */
export interface ChecklistEntry {
  readonly field: string;
  readonly value: string;
  readonly note?: string;
}
