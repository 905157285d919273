import TextField, { type TextFieldProps } from '@mui/material/TextField';
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
  readonly required?: boolean;
  readonly disabled?: boolean;
  readonly multiline?: boolean;
  readonly minRows?: number;
  readonly monospace?: boolean;
  readonly autoComplete?: string;
  readonly slotProps?: TextFieldProps['slotProps'];
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
      required={props.required ?? false}
      disabled={props.disabled ?? false}
      placeholder={props.placeholder}
      multiline={props.multiline ?? false}
      minRows={props.minRows}
      error={message !== null}
      helperText={message ?? props.help ?? ' '}
      autoComplete={props.autoComplete ?? 'off'}
      onChange={(event) => {
        props.onChange(event.target.value);
        feedback.touch(props.field);
      }}
      onBlur={() => feedback.touch(props.field)}
      slotProps={{
        ...props.slotProps,
        htmlInput: {
          'data-field': props.field,
          spellCheck: false,
          ...(props.monospace ? { style: { fontFamily: 'var(--seg-mono)' } } : {}),
        },
      }}
    />
  );
}
