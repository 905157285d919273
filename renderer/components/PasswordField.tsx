import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { HideIcon, ShowIcon } from '../icons';

export interface PasswordFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly help: string;
}

/**
 * A password held in the page's memory only: it is never part of the settings document,
 * never saved, and sent only with the verify call that needs it.
 */
export function PasswordField(props: PasswordFieldProps) {
  const [shown, setShown] = useState(false);
  return (
    <TextField
      id={props.id}
      label={props.label}
      type={shown ? 'text' : 'password'}
      value={props.value}
      autoComplete="new-password"
      helperText={props.help}
      onChange={(event) => props.onChange(event.target.value)}
      slotProps={{
        htmlInput: { spellCheck: false },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                size="small"
                edge="end"
                aria-label={shown ? `Hide ${props.label}` : `Show ${props.label}`}
                aria-pressed={shown}
                onClick={() => setShown((s) => !s)}
              >
                {shown ? <HideIcon fontSize="small" /> : <ShowIcon fontSize="small" />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
