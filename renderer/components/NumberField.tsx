import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { useFieldFeedback } from '../wizard/field-context';

export interface NumberFieldProps {
  readonly field: string;
  readonly label: string;
  readonly value: number;
  readonly onChange: (value: number) => void;
  readonly help?: string;
}

/**
 * A whole-number setting. What is typed is kept as text until it is a number, because the
 * settings document can only hold numbers: "44a" is reported here and never sent.
 */
export function NumberField(props: NumberFieldProps) {
  const feedback = useFieldFeedback();
  const [text, setText] = useState(String(props.value));
  useEffect(() => {
    setText((current) => (Number(current) === props.value && /^\d+$/.test(current) ? current : String(props.value)));
  }, [props.value]);
  const isNumber = /^\d+$/.test(text.trim());
  const message = isNumber ? feedback.messageFor(props.field) : `${props.label} must be a whole number, not "${text}"`;
  return (
    <TextField
      id={`field-${props.field.replaceAll('.', '-')}`}
      label={props.label}
      value={text}
      error={message !== null}
      helperText={message ?? props.help ?? ' '}
      onChange={(event) => {
        setText(event.target.value);
        feedback.touch(props.field);
        if (/^\d+$/.test(event.target.value.trim())) props.onChange(Number(event.target.value.trim()));
      }}
      onBlur={() => feedback.touch(props.field)}
      slotProps={{ htmlInput: { inputMode: 'numeric', 'data-field': props.field } }}
    />
  );
}
