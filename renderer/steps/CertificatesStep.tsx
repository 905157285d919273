import { CertificateList } from '../components/CertificateList';
import { StepPage } from '../components/StepPage';
import { useMemo } from 'react';
import { getApi } from '../api/client';
import { coreImporter, summarizeEntry } from '../wizard/certificate-import';
import type { StepProps } from '../wizard/step-props';

export function CertificatesStep({ settings, update }: StepProps) {
  const certs = settings.certificates;
  const { importer, describe } = useMemo(() => {
    const api = getApi();
    return { importer: coreImporter(api), describe: (entry: string) => summarizeEntry(api, entry) };
  }, []);
  const set = (patch: Partial<typeof certs>) => update((s) => ({ ...s, certificates: { ...s.certificates, ...patch } }));
  return (
    <StepPage
      title="Certificates"
      intro="The certificate authority that issues the device certificates, and one device certificate to prove the whole path with. The device's private key is never needed."
    >
      <CertificateList
        field="certificates.roots"
        title="Root CA"
        noun="Root CA"
        role="root"
        description="The root certificate the device certificates chain up to. It must be trusted on the SEG and published to NTAuth."
        entries={certs.roots}
        onChange={(roots) => set({ roots: [...roots] })}
        importer={importer}
        describe={describe}
      />
      <CertificateList
        field="certificates.intermediates"
        title="Intermediate CAs"
        noun="Intermediate CA"
        role="intermediate"
        description="The issuing CA and any CA between it and the root. Missing ones are fetched from the certificate's AIA address when it is reachable."
        entries={certs.intermediates}
        onChange={(intermediates) => set({ intermediates: [...intermediates] })}
        importer={importer}
        describe={describe}
      />
      <CertificateList
        field="certificates.deviceCertificate"
        title="Sample device certificate"
        noun="Device certificate"
        role="device"
        description="A certificate as UEM issues it to a device: with Client Authentication, and the user's e-mail and UPN in its subject alternative name."
        entries={certs.deviceCertificate === '' ? [] : [certs.deviceCertificate]}
        onChange={(entries) => set({ deviceCertificate: entries[0] ?? '' })}
        single
        importer={importer}
        describe={describe}
      />
    </StepPage>
  );
}
