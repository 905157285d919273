import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useEffect, useRef, useState } from 'react';
import type { OrganizationGroupPage, Settings } from '../../app/contract/core-api';
import { getApi } from '../api/client';
import { useFieldFeedback } from '../wizard/field-context';
import { secretsForVerify, type SecretsState } from '../wizard/secrets';
import { errorText } from './error-text';

type GroupOption = OrganizationGroupPage['groups'][number];

const SEARCH_DELAY_MS = 300;

export interface GroupPickerProps {
  readonly settings: Settings;
  readonly secrets: SecretsState;
  /** A typed name clears the id: it belonged to the group picked before. */
  readonly onPick: (group: { readonly name: string; readonly id: string }) => void;
}

/**
 * The organization group, picked from the UEM API as the person types (the API filters by
 * name), or typed by hand when the API cannot be reached: the field never depends on it.
 */
export function GroupPicker({ settings, secrets, onPick }: GroupPickerProps) {
  const feedback = useFieldFeedback();
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<readonly GroupOption[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [apiProblem, setApiProblem] = useState<string | null>(null);
  const latest = useRef({ settings, secrets });
  latest.current = { settings, secrets };
  const name = settings.organizationGroup.name;

  useEffect(() => {
    if (!open) return;
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      const { settings: s, secrets: typed } = latest.current;
      void getApi()
        .searchOrganizationGroups({ settings: s, secrets: secretsForVerify(typed), query: name })
        .then((result) => {
          if (!live) return;
          setLoading(false);
          if (result.ok) {
            setOptions(result.value.groups);
            setTotal(result.value.total);
            setApiProblem(null);
          } else {
            setOptions([]);
            setApiProblem(`${errorText(result.error)} You can type the group instead.`);
          }
        });
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, name]);

  const message = feedback.messageFor('organizationGroup.name');
  const more = total > options.length ? `${total - options.length} more: type more of the name.` : null;
  return (
    <Autocomplete<GroupOption, false, false, true>
      freeSolo
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={options}
      loading={loading}
      filterOptions={(all) => all}
      getOptionLabel={(option) => (typeof option === 'string' ? option : option.name)}
      inputValue={name}
      onInputChange={(_event, value, reason) => {
        if (reason === 'input' || reason === 'clear') {
          onPick({ name: value, id: '' });
          feedback.touch('organizationGroup.name');
        }
      }}
      onChange={(_event, value) => {
        if (value !== null && typeof value !== 'string') onPick({ name: value.name, id: value.id });
      }}
      renderOption={(props, option) => {
        const { key, ...rest } = props as typeof props & { key: string };
        return (
          <Box component="li" key={key} {...rest} sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
            <span>{option.name}</span>
            <Box component="span" sx={{ color: 'text.secondary', fontSize: 13 }}>
              ID {option.id}
              {option.groupId ? ` · ${option.groupId}` : ''}
            </Box>
          </Box>
        );
      }}
      noOptionsText={apiProblem ?? 'No group of that name.'}
      renderInput={(params) => (
        <TextField
          {...params}
          id="field-organizationGroup-name"
          label="Group name"
          error={message !== null}
          helperText={message ?? apiProblem ?? more ?? 'Type to search the UEM API, or type the name yourself, such as SE Lab.'}
          onBlur={() => feedback.touch('organizationGroup.name')}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-field': 'organizationGroup.name', spellCheck: false } }}
        />
      )}
    />
  );
}
