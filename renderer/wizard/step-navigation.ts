import { createContext, useContext } from 'react';
import type { StepId } from './steps';

/** Opens a step of the wizard, as its tab does: a remedy's link to a field on another step uses it. */
export const OpenStepContext = createContext<(step: StepId) => void>(() => undefined);

export const useOpenStep = () => useContext(OpenStepContext);
