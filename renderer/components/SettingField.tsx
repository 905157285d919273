import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { monoInput } from '../theme';
import { useFieldFeedback } from '../wizard/field-context';

/** A value the wizard already knows the field should hold, put in with one click ("Use SE.AIRWLAB.COM"). */
export interface FieldFix {
  readonly value: string;
  /** Why it is offered, for a value no validation message speaks of (the SPN against the email host). */
  readonly reason?: string;
  /** What the click does, when it is more than putting the value in this field. */
  readonly apply?: () => void;
}

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
  /** Offered beside the validation message, or with its own reason when there is none; a string is the value to put in. */
  readonly fix?: FieldFix | string | null;
}

/** A text field of the settings: its validation reason replaces the help text while there is one. */
export function SettingField(props: SettingFieldProps) {
  const feedback = useFieldFeedback();
  const message = feedback.messageFor(props.field);
  const id = `field-${props.field.replaceAll('.', '-')}`;
  const offered = typeof props.fix === 'string' ? { value: props.fix } : (props.fix ?? null);
  const fix = offered && !props.disabled && (message !== null || offered.reason) ? offered : null;
  const apply = (chosen: FieldFix) => {
    if (chosen.apply) chosen.apply();
    else props.onChange(chosen.value);
    feedback.touch(props.field);
    // The button goes once the value is right: the focus returns to the field rather than to the page.
    document.getElementById(id)?.focus();
  };
  const text =
    message ??
    (fix?.reason ? (
      <Box component="span" sx={{ color: 'warning.dark' }}>
        {fix.reason}
      </Box>
    ) : (
      (props.help ?? ' ')
    ));
  return (
    <TextField
      id={id}
      label={props.label}
      value={props.value}
      disabled={props.disabled ?? false}
      placeholder={props.placeholder}
      error={message !== null}
      helperText={
        fix ? (
          <>
            {text}{' '}
            <Button size="small" variant="outlined" data-fix-for={props.field} onClick={() => apply(fix)} sx={{ ml: 0.5, py: 0, minHeight: 0 }}>
              Use {fix.value}
            </Button>
          </>
        ) : (
          text
        )
      }
      autoComplete="off"
      onChange={(event) => {
        props.onChange(event.target.value);
        feedback.touch(props.field);
      }}
      onBlur={() => feedback.touch(props.field)}
      sx={props.monospace ? monoInput : {}}
      slotProps={{ htmlInput: { 'data-field': props.field, spellCheck: false } }}
    />
  );
}
