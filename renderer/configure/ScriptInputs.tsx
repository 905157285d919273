import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import type { ScriptInput, ScriptInputValues } from '../../app/contract/core-api';

/**
 * The values scripts need beyond the settings, each shown with where it was read from, so that
 * no script asks for something the wizard never showed. Typing one overrides what was read.
 */
export function ScriptInputs({
  inputs,
  typed,
  onType,
}: {
  readonly inputs: readonly ScriptInput[];
  readonly typed: ScriptInputValues;
  readonly onType: (key: keyof ScriptInputValues, value: string) => void;
}) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', columnGap: 2, mb: 1 }}>
      {inputs.map((input) => (
        <TextField
          key={input.key}
          id={`script-input-${input.key}`}
          label={input.label}
          value={typed[input.key] ?? input.value}
          // Cleared, the field falls back to what was read: the scripts use it, so it shows.
          placeholder={input.value}
          onChange={(e) => onType(input.key, e.target.value)}
          autoComplete="off"
          helperText={input.derivedFrom ? `Read from ${input.derivedFrom}. ${input.help}` : input.help}
          slotProps={{ htmlInput: { spellCheck: false, 'data-script-input': input.key } }}
        />
      ))}
    </Box>
  );
}
