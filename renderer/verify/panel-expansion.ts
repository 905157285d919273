/** A panel shown or hidden from outside (a remedy's link to one of its fields opens it); left to itself otherwise. */
export interface PanelExpansion {
  readonly expanded?: boolean;
  readonly onExpandedChange?: (expanded: boolean) => void;
}

/** The Accordion props for a PanelExpansion: none when it is left to itself. */
export const accordionExpansion = (p: PanelExpansion) =>
  p.expanded === undefined ? {} : { expanded: p.expanded, onChange: (_: unknown, open: boolean) => p.onExpandedChange?.(open) };
