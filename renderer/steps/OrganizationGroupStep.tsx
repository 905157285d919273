import Alert from '@mui/material/Alert';
import { SettingField } from '../components/SettingField';
import { FieldGroup, StepPage } from '../components/StepPage';
import type { StepProps } from '../wizard/step-props';

export function OrganizationGroupStep({ settings, update }: StepProps) {
  const og = settings.organizationGroup;
  const set = (patch: Partial<typeof og>) => update((s) => ({ ...s, organizationGroup: { ...s.organizationGroup, ...patch } }));
  return (
    <StepPage
      title="Organization group"
      intro="The organization group that holds the SEG's MEM configuration, and the configuration's friendly name exactly as it was made on the UEM console."
    >
      <Alert severity="info" sx={{ mb: 2 }}>
        Type the group as the console shows it. Picking it from the UEM API arrives with the UEM checks.
      </Alert>
      <FieldGroup title="Group">
        <SettingField field="organizationGroup.name" label="Group name" value={og.name} onChange={(name) => set({ name })} help="For example: SE Lab" />
        <SettingField
          field="organizationGroup.id"
          label="Group ID (optional)"
          value={og.id}
          onChange={(id) => set({ id })}
          help="The number in the console's address bar, e.g. 570"
        />
      </FieldGroup>
      <FieldGroup title="MEM configuration">
        <SettingField
          field="organizationGroup.memConfigName"
          label="Friendly name"
          value={og.memConfigName}
          onChange={(memConfigName) => set({ memConfigName })}
          help="Email > Email Settings on the console, e.g. SEG-KCD"
        />
        <SettingField
          field="organizationGroup.memConfigId"
          label="Configuration ID (optional)"
          value={og.memConfigId}
          onChange={(memConfigId) => set({ memConfigId })}
          help="As the Unified Access Gateway asks for it"
        />
      </FieldGroup>
    </StepPage>
  );
}
