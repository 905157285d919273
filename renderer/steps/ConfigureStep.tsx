import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { useEffect, useState } from 'react';
import type { CoreError, GeneratedScripts } from '../../app/contract/core-api';
import { getApi } from '../api/client';
import { ChecklistSection } from '../configure/ChecklistSection';
import { IisSection } from '../configure/IisSection';
import type { IisTargets } from '../configure/iis-targets';
import { ScriptsSection } from '../configure/ScriptsSection';
import { Section, StepPage } from '../components/StepPage';
import type { StepProps } from '../wizard/step-props';

export function ConfigureStep({ settings, iis }: StepProps & { readonly iis: IisTargets }) {
  const [generated, setGenerated] = useState<GeneratedScripts | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  useEffect(() => {
    let live = true;
    void getApi()
      .generateScripts({ settings })
      .then((result) => {
        if (!live) return;
        if (result.ok) setGenerated(result.value);
        else setError(result.error);
      });
    return () => {
      live = false;
    };
  }, [settings]);

  return (
    <StepPage
      title="Configure"
      intro="Gets every missing piece set up: the IIS settings of each server, previewed as a diff before anything is written, and exact scripts for what must run on the domain controller, the CA and Exchange."
    >
      <Section title="IIS settings" description="Written to the file with a backup first, checked after writing, and undone from that backup on request.">
        <IisSection settings={settings} targets={iis} />
      </Section>
      <Section title="Scripts" description="Generated from these settings, each value quoted for its shell. Run each where it says, with the rights it names.">
        {error && (
          <Alert severity="error" role="alert">
            {error.message}
            {error.remedy ? ` ${error.remedy}` : ''}
          </Alert>
        )}
        {!error && generated === null && (
          <Box role="status" aria-label="Generating scripts" sx={{ display: 'flex', justifyContent: 'center', py: 2 }}>
            <CircularProgress size={24} />
          </Box>
        )}
        {generated && <ScriptsSection generated={generated} />}
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
