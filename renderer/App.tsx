import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo, CoreError, Settings } from '../app/contract/core-api';
import { getApi } from './api/client';
import { AppHeader } from './components/AppHeader';
import { WizardNav } from './components/WizardNav';
import type { StepContentProps } from './steps/StepContent';
import { UemStep } from './steps/UemStep';
import { summarize } from './verify/summary';
import { useVerify } from './verify/useVerify';
import { useIisTargets } from './configure/iis-targets';
import { FieldFeedbackContext, type FieldFeedback } from './wizard/field-context';
import { sameField } from './wizard/field-value';
import { messageFor } from './wizard/issues';
import { NO_SECRETS, type SecretsState } from './wizard/secrets';
import { OpenStepContext } from './wizard/step-navigation';
import { STEPS, stepOfField, type StepId } from './wizard/steps';
import { useSettingsDocument } from './wizard/useSettingsDocument';
import { useValidation } from './wizard/useValidation';
import { ErrorAlert } from './components/ErrorAlert';
import { errorText } from './components/error-text';

/**
 * Every step after the first is loaded once the first is on screen (issue 21): their code and
 * the MUI components only they use are not parsed and set up on the way to the first paint.
 */
const loadSteps = () => import('./steps/StepContent');
const LaterStep = lazy(() => loadSteps().then((m) => ({ default: m.StepContent })));

function StepView(props: StepContentProps) {
  if (props.step === 'uem') return <UemStep {...props} />;
  return (
    <Suspense fallback={<CircularProgress aria-label="Loading the step" />}>
      <LaterStep {...props} />
    </Suspense>
  );
}

const VERIFY_INDEX = STEPS.findIndex((s) => s.id === 'verify');
const DATA_STEPS: readonly StepId[] = STEPS.filter((s) => s.fields.length > 0).map((s) => s.id);

function Problem({ error }: { readonly error: CoreError }) {
  return (
    <Box sx={{ p: 4, maxWidth: 720 }}>
      <ErrorAlert error={error} />
    </Box>
  );
}

export function App() {
  const api = getApi();
  const { doc, update, save, saveNow, dirty } = useSettingsDocument(api);
  const settings: Settings | null = doc.status === 'ready' ? doc.settings : null;
  const validation = useValidation(api, settings);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<CoreError | null>(null);
  const [secrets, setSecrets] = useState<SecretsState>(NO_SECRETS);
  const [active, setActive] = useState(0);
  const [furthest, setFurthest] = useState(0);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [shownSteps, setShownSteps] = useState<ReadonlySet<StepId>>(new Set());
  const [savedNotice, setSavedNotice] = useState(false);
  const [fileNotice, setFileNotice] = useState<string | null>(null);
  const [uemPasswordRemembered, setUemPasswordRemembered] = useState(false);
  const catalogue = useMemo(() => info?.checks ?? [], [info]);
  const verify = useVerify(api, catalogue);
  const iis = useIisTargets(settings?.seg.iisConfigPath ?? '');

  useEffect(() => {
    void api.getAppInfo().then((result) => (result.ok ? setInfo(result.value) : setInfoError(result.error)));
    void api.recallUemPassword().then((result) => {
      if (!result.ok || result.value.password === null) return;
      const password = result.value.password;
      setSecrets((s) => ({ ...s, uemPassword: password }));
      setUemPasswordRemembered(true);
    });
  }, [api]);

  // The later steps are fetched once the first is painted and the page is idle, so Next never waits.
  const ready = settings !== null && info !== null;
  useEffect(() => {
    if (!ready) return;
    const idle = requestIdleCallback(() => void loadSteps());
    return () => cancelIdleCallback(idle);
  }, [ready]);

  // Saved settings were finished once: show their problems everywhere and let every step be opened.
  const fromFile = doc.status === 'ready' && doc.fromFile;
  useEffect(() => {
    if (!fromFile) return;
    setShownSteps(new Set(DATA_STEPS));
    setFurthest(VERIFY_INDEX);
  }, [fromFile]);

  const touch = useCallback((field: string) => {
    setTouched((current) => (current.has(field) ? current : new Set(current).add(field)));
  }, []);

  const feedback: FieldFeedback = useMemo(
    () => ({
      messageFor: (field) => {
        const step = stepOfField(field);
        const visible = touched.has(field) || (step !== null && shownSteps.has(step));
        // An answer about a value the person has since changed would be stale: wait for the new one.
        const current = settings !== null && validation.validated !== null && sameField(settings, validation.validated, field);
        return visible && current ? messageFor(validation.issues, field) : null;
      },
      touch,
    }),
    [touched, shownSteps, validation.issues, validation.validated, settings, touch],
  );

  const saveAndNotify = useCallback(async () => {
    await saveNow();
    setSavedNotice(true);
  }, [saveNow]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saveAndNotify();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saveAndNotify]);

  const goTo = (index: number) => {
    const leaving = STEPS[active];
    if (leaving) setShownSteps((current) => new Set(current).add(leaving.id));
    setActive(index);
    setFurthest((f) => Math.max(f, index));
  };

  if (doc.status === 'failed') return <Problem error={doc.error} />;
  if (infoError) return <Problem error={infoError} />;
  if (doc.status === 'loading' || settings === null || info === null) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }} role="status" aria-label="Loading">
        <CircularProgress />
      </Box>
    );
  }

  const verifySummary = summarize(verify.model, catalogue);
  const stepIssues = (id: StepId) => (shownSteps.has(id) ? (validation.issues.byStep.get(id)?.length ?? 0) : 0);
  const current = STEPS[active] ?? STEPS[0];
  const next = STEPS[active + 1];
  const previous = STEPS[active - 1];

  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <AppHeader
        info={info}
        dirty={dirty}
        save={save}
        path={doc.path}
        onSave={() => void saveAndNotify()}
        settings={settings}
        onOpened={(opened, path) => {
          update(() => opened);
          setShownSteps(new Set(DATA_STEPS));
          setFurthest((f) => Math.max(f, VERIFY_INDEX));
          setFileNotice(`Opened ${path}. Save to keep these settings in the wizard.`);
        }}
        onSavedAs={(path) => setFileNotice(`Settings saved as ${path}.`)}
      />
      <Box sx={{ flex: 1, display: 'flex', minHeight: 0 }}>
        <WizardNav active={active} furthest={furthest} issuesOf={stepIssues} verify={verifySummary} onOpen={goTo} />
        <Box component="main" sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <Box
            id="step-panel"
            role="tabpanel"
            aria-labelledby={`step-tab-${current.id}`}
            sx={{ flex: 1, overflowY: 'auto', overflowX: 'hidden', px: 4, py: 3 }}
          >
            {doc.loadProblem && (
              <Alert severity="warning" sx={{ mb: 2 }}>
                The saved settings could not be read, so the wizard starts blank: {doc.loadProblem.message}. Saving will replace that file.
              </Alert>
            )}
            {validation.error && (
              <Alert severity="warning" sx={{ mb: 2 }}>
                Fields cannot be checked right now: {validation.error.message}
              </Alert>
            )}
            <FieldFeedbackContext.Provider value={feedback}>
              <OpenStepContext.Provider value={(id) => goTo(STEPS.findIndex((s) => s.id === id))}>
                <StepView
                  key={current.id}
                  step={current.id}
                  settings={settings}
                  update={update}
                  secrets={secrets}
                  setSecret={(name, value) => setSecrets((s) => ({ ...s, [name]: value }))}
                  catalogue={catalogue}
                  verify={verify}
                  uemPasswordRemembered={uemPasswordRemembered}
                  onUemPasswordRemembered={setUemPasswordRemembered}
                  iis={iis}
                />
              </OpenStepContext.Provider>
            </FieldFeedbackContext.Provider>
          </Box>
          <Box
            component="footer"
            sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 4, py: 1.5, borderTop: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
          >
            <Button id="wizard-back" variant="outlined" disabled={previous === undefined} onClick={() => goTo(active - 1)}>
              Back
            </Button>
            <Typography variant="body2" color="text.secondary" sx={{ flex: 1, textAlign: 'center' }}>
              Step {active + 1} of {STEPS.length}
            </Typography>
            {next && (
              <Button id="wizard-next" variant="contained" onClick={() => goTo(active + 1)}>
                Next: {next.label}
              </Button>
            )}
          </Box>
        </Box>
      </Box>
      <Snackbar
        open={fileNotice !== null}
        autoHideDuration={6000}
        onClose={() => setFileNotice(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      >
        <Alert severity="success" variant="filled" onClose={() => setFileNotice(null)} sx={{ maxWidth: 640 }}>
          {fileNotice}
        </Alert>
      </Snackbar>
      <Snackbar
        open={savedNotice && !save.saving}
        autoHideDuration={4000}
        onClose={() => setSavedNotice(false)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      >
        <Alert severity={save.error ? 'error' : 'success'} variant="filled" onClose={() => setSavedNotice(false)} sx={{ maxWidth: 640 }}>
          {save.error ? errorText(save.error) : `Settings saved to ${doc.path}.`}
        </Alert>
      </Snackbar>
    </Box>
  );
}
