import type { CheckInfo } from '../../app/api/contract';
import type { useVerify } from '../verify/useVerify';
import type { StepProps } from '../wizard/step-props';
import type { StepId } from '../wizard/steps';
import { CertificatesStep } from './CertificatesStep';
import { EmailStep } from './EmailStep';
import { ExportStep } from './ExportStep';
import { KcdStep } from './KcdStep';
import { NotYetStep } from './NotYetStep';
import { OrganizationGroupStep } from './OrganizationGroupStep';
import { UemStep } from './UemStep';
import { VerifyStep } from './VerifyStep';

export interface StepContentProps extends StepProps {
  readonly step: StepId;
  readonly catalogue: readonly CheckInfo[];
  readonly verify: ReturnType<typeof useVerify>;
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
      return (
        <NotYetStep
          title="Configure"
          intro="Gets every missing piece set up: the IIS settings written with a backup, and exact scripts for what must run on the domain controller, the CA and Exchange."
          arrives="Configure arrives with issue 10. Until then, the remedy and command of each failed check on the Verify step say what to change."
          willDo={[
            'Show the IIS changes for the SEG, Exchange and CA servers as a diff of applicationHost.config before anything is written.',
            'Write them with a backup first, and roll back on failure.',
            'Generate setspn, delegation, NTAuth, CA CDP/AIA and krb5.ini scripts from these settings, each quoted correctly.',
            'List what to set on the UEM console, with the values filled in.',
          ]}
        />
      );
    case 'export':
      return <ExportStep {...props} />;
  }
}
