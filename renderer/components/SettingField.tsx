import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { useFieldFeedback } from '../wizard/field-context';

export interface SettingFieldProps {
  /** Dotted path in the settings document: ties the field to its validation issues. */
  readonly field: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly help?: ReactNode;
  readonly placeholder?: string;
  readonly disabled?: boolean;
  readonly monospace?: boolean;
}

/** A text field of the settings: its validation reason replaces the help text while there is one. */
export function SettingField(props: SettingFieldProps) {
  const feedback = useFieldFeedback();
  const message = feedback.messageFor(props.field);
  const id = `field-${props.field.replaceAll('.', '-')}`;
  return (
    <TextField
      id={id}
      label={props.label}
      value={props.value}
      disabled={props.disabled ?? false}
      placeholder={props.placeholder}
      error={message !== null}
      helperText={message ?? props.help ?? ' '}
      autoComplete="off"
      onChange={(event) => {
        props.onChange(event.target.value);
        feedback.touch(props.field);
      }}
      onBlur={() => feedback.touch(props.field)}
      slotProps={{
        htmlInput: {
          'data-field': props.field,
          spellCheck: false,
          ...(props.monospace ? { style: { fontFamily: 'var(--seg-mono)' } } : {}),
        },
      }}
    />
  );
}
