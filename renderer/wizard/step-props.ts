import type { Settings } from '../../app/contract/core-api';
import type { SecretsState } from './secrets';

/** What every data-entry step receives. */
export interface StepProps {
  readonly settings: Settings;
  readonly update: (change: (settings: Settings) => Settings) => void;
  readonly secrets: SecretsState;
  readonly setSecret: (name: keyof SecretsState, value: string) => void;
}
