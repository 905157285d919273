import Alert from '@mui/material/Alert';
import { GroupPicker } from '../components/GroupPicker';
import { SettingField } from '../components/SettingField';
import { FieldGroup, StepPage } from '../components/StepPage';
import type { StepProps } from '../wizard/step-props';

export function OrganizationGroupStep({ settings, update, secrets }: StepProps) {
  const og = settings.organizationGroup;
  const set = (patch: Partial<typeof og>) => update((s) => ({ ...s, organizationGroup: { ...s.organizationGroup, ...patch } }));
  const online = settings.uem.apiUrl.trim() !== '';
  return (
    <StepPage
      title="Organization group"
      intro="The organization group that holds the SEG's MEM configuration, and the configuration's friendly name exactly as it was made on the UEM console."
    >
      {!online && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Working offline: type the group as the UEM console shows it. With an API server URL on the first step, it can be picked from the API.
        </Alert>
      )}
      <FieldGroup title="Group">
        {online ? (
          <GroupPicker settings={settings} secrets={secrets} onPick={(group) => set(group)} />
        ) : (
          <SettingField
            field="organizationGroup.name"
            label="Group name"
            value={og.name}
            onChange={(name) => set({ name })}
            help="The group as the UEM console shows it, such as SE Lab."
          />
        )}
        <SettingField
          field="organizationGroup.id"
          label="Group ID (optional)"
          value={og.id}
          onChange={(id) => set({ id })}
          help="The number in the console's address bar, such as 570."
        />
      </FieldGroup>
      <FieldGroup title="MEM configuration">
        <SettingField
          field="organizationGroup.memConfigName"
          label="Friendly name"
          value={og.memConfigName}
          onChange={(memConfigName) => set({ memConfigName })}
          help="As on the console under Email > Email Settings, such as SEG-KCD."
        />
        <SettingField
          field="organizationGroup.memConfigId"
          label="Configuration ID (optional)"
          value={og.memConfigId}
          onChange={(memConfigId) => set({ memConfigId })}
          help="The GUID the Unified Access Gateway asks for, such as 6f1d2c3b-9a8e-4b7c-8d6e-5f4a3b2c1d0e."
          monospace
        />
      </FieldGroup>
    </StepPage>
  );
}
