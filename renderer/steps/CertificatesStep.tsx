import { CertificateList, type FileFeedback } from '../components/CertificateList';
import { usePfxPasswordPrompt } from '../components/PfxPasswordDialog';
import { StepPage } from '../components/StepPage';
import { useMemo, useRef } from 'react';
import { getApi } from '../api/client';
import { coreImporter, summarizeEntry } from '../wizard/certificate-import';
import { placeCertificates } from '../wizard/certificate-placement';
import type { CertificateRole } from '../wizard/certificate-hints';
import { useFieldFeedback } from '../wizard/field-context';
import type { StepProps } from '../wizard/step-props';

export function CertificatesStep({ settings, update }: StepProps) {
  const certs = settings.certificates;
  const latest = useRef(certs);
  latest.current = certs;
  const feedback = useFieldFeedback();
  const password = usePfxPasswordPrompt();
  const { importer, describe } = useMemo(() => {
    const api = getApi();
    return { importer: coreImporter(api), describe: (entry: string) => summarizeEntry(api, entry) };
  }, []);
  const set = (patch: Partial<typeof certs>) => update((s) => ({ ...s, certificates: { ...s.certificates, ...patch } }));

  const importFile = async (target: CertificateRole, file: File): Promise<FileFeedback | null> => {
    let outcome = await importer(file);
    for (let retry = false; outcome.kind === 'needs-password'; retry = true) {
      const given = await password.ask({ fileName: file.name, reason: outcome.message, retry });
      if (given === null) return { severity: 'info', text: `Nothing was imported from ${file.name}.` };
      outcome = await importer(file, given);
    }
    if (outcome.kind === 'refused') return { severity: 'error', text: outcome.message };
    if (outcome.certificates.length === 0) return { severity: 'error', text: `${file.name} holds no certificate.` };
    const before = latest.current;
    const placement = placeCertificates(before, outcome, target);
    const { roots, intermediates, deviceCertificate } = placement.places;
    set({ roots: [...roots], intermediates: [...intermediates], deviceCertificate });
    if (roots.length !== before.roots.length) feedback.touch('certificates.roots');
    if (intermediates.length !== before.intermediates.length) feedback.touch('certificates.intermediates');
    if (deviceCertificate !== before.deviceCertificate) feedback.touch('certificates.deviceCertificate');
    return placement.notice === null ? null : { severity: 'info', text: `From ${file.name}: ${placement.notice}` };
  };

  return (
    <StepPage
      title="Certificates"
      intro="The certificate authority that issues the device certificates, and one device certificate to prove the whole path with. A .pfx or .p7b file with the whole chain fills all three places at once. The device's private key is never needed."
    >
      <CertificateList
        field="certificates.roots"
        title="Root CA"
        noun="Root CA"
        role="root"
        description="The root certificate the device certificates chain up to. It must be trusted on the SEG and published to NTAuth."
        entries={certs.roots}
        onChange={(roots) => set({ roots: [...roots] })}
        onFile={(file) => importFile('root', file)}
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
        onFile={(file) => importFile('intermediate', file)}
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
        onFile={(file) => importFile('device', file)}
        describe={describe}
      />
      {password.dialog}
    </StepPage>
  );
}
