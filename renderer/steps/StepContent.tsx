import type { CheckInfo } from '../../app/contract/core-api';
import type { useVerify } from '../verify/useVerify';
import type { StepProps } from '../wizard/step-props';
import type { StepId } from '../wizard/steps';
import { CertificatesStep } from './CertificatesStep';
import { ConfigureStep } from './ConfigureStep';
import { EmailStep } from './EmailStep';
import { ExportStep } from './ExportStep';
import { KcdStep } from './KcdStep';
import { OrganizationGroupStep } from './OrganizationGroupStep';
import { UemStep } from './UemStep';
import { VerifyStep } from './VerifyStep';

export interface StepContentProps extends StepProps {
  readonly step: StepId;
  readonly catalogue: readonly CheckInfo[];
  readonly verify: ReturnType<typeof useVerify>;
  readonly uemPasswordRemembered: boolean;
  readonly onUemPasswordRemembered: (remembered: boolean) => void;
}

export function StepContent(props: StepContentProps) {
  switch (props.step) {
    case 'uem':
      return <UemStep {...props} />;
    case 'organization-group':
      return <OrganizationGroupStep {...props} />;
    case 'kcd':
      return <KcdStep {...props} />;
    case 'email':
      return <EmailStep {...props} />;
    case 'certificates':
      return <CertificatesStep {...props} />;
    case 'verify':
      return <VerifyStep {...props} />;
    case 'configure':
      return <ConfigureStep {...props} />;
    case 'export':
      return <ExportStep {...props} />;
  }
}
