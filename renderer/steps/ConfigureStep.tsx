import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { useEffect, useMemo, useState } from 'react';
import type { CoreError, GeneratedScripts, ScriptInputValues, ScriptsArgs } from '../../app/contract/core-api';
import { getApi } from '../api/client';
import { ChecklistSection } from '../configure/ChecklistSection';
import { IisSection } from '../configure/IisSection';
import type { IisTargets } from '../configure/iis-targets';
import { ScriptInputs } from '../configure/ScriptInputs';
import { ScriptsSection } from '../configure/ScriptsSection';
import { useSessionState } from '../configure/useSessionState';
import { ErrorAlert } from '../components/ErrorAlert';
import { Section, StepPage } from '../components/StepPage';
import type { StepProps } from '../wizard/step-props';

export function ConfigureStep({ settings, iis }: StepProps & { readonly iis: IisTargets }) {
  const [generated, setGenerated] = useState<GeneratedScripts | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  // Typed script inputs last for the session, like the checklist ticks: they are not settings.
  const [typed, setTyped] = useSessionState<ScriptInputValues>('seg.configure.script-inputs', {});
  const args = useMemo<ScriptsArgs>(() => ({ settings, inputs: typed }), [settings, typed]);
  useEffect(() => {
    let live = true;
    void getApi()
      .generateScripts(args)
      .then((result) => {
        if (!live) return;
        if (result.ok) {
          setGenerated(result.value);
          setError(null);
        } else setError(result.error);
      });
    return () => {
      live = false;
    };
  }, [args]);

  return (
    <StepPage
      title="Configure"
      intro="Gets every missing piece set up: the IIS settings of each server, previewed as a diff before anything is written, and exact scripts for what must run on the domain controller, the CA and Exchange."
    >
      <Section title="IIS settings" description="Written to the file with a backup first, checked after writing, and undone from that backup on request.">
        <IisSection settings={settings} targets={iis} />
      </Section>
      <Section title="Scripts" description="Generated from these settings, each value quoted for its shell. Run each where it says, with the rights it names.">
        {error && <ErrorAlert error={error} />}
        {!error && generated === null && (
          <Box role="status" aria-label="Generating scripts" sx={{ display: 'flex', justifyContent: 'center', py: 2 }}>
            <CircularProgress size={24} />
          </Box>
        )}
        {generated && generated.inputs.length > 0 && (
          <ScriptInputs inputs={generated.inputs} typed={typed} onType={(key, value) => setTyped({ ...typed, [key]: value })} />
        )}
        {generated && <ScriptsSection generated={generated} args={args} />}
      </Section>
      {generated && generated.checklists.length > 0 && (
        <Section
          title="UEM console"
          description="Set by hand on the console, with these values. The service account password is typed there, never shown here."
        >
          <ChecklistSection checklists={generated.checklists} />
        </Section>
      )}
    </StepPage>
  );
}
