import { createContext, useContext } from 'react';

/** How a field learns its validation message and reports that the person has been in it. */
export interface FieldFeedback {
  /** The reason shown under the field, or null when it is valid or not yet worth showing. */
  messageFor(field: string): string | null;
  touch(field: string): void;
}

export const FieldFeedbackContext = createContext<FieldFeedback>({ messageFor: () => null, touch: () => undefined });

export function useFieldFeedback(): FieldFeedback {
  return useContext(FieldFeedbackContext);
}
