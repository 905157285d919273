import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useId, useRef, useState, type DragEvent } from 'react';
import { DeleteIcon, UploadIcon } from '../icons';
import type { CertificateSummary } from '../../app/contract/core-api';
import { splitPem } from '../wizard/certificate-import';
import type { CertificateRole } from '../wizard/certificate-hints';
import { EntryDetails } from './CertificateEntry';
import { useFieldFeedback } from '../wizard/field-context';
import { monoInput } from '../theme';

export interface CertificateListProps {
  /** Settings path of the list, for validation messages (certificates.roots). */
  readonly field: string;
  readonly title: string;
  readonly description: string;
  /** What one entry is called: "Root CA", "Intermediate CA". */
  readonly noun: string;
  /** Where the entries go in the chain: what is visibly wrong depends on it. */
  readonly role: CertificateRole;
  readonly entries: readonly string[];
  readonly onChange: (entries: readonly string[]) => void;
  /** One entry at most; adding replaces it. */
  readonly single?: boolean;
  /** Imports a picked or dropped file; says what happened when there is something to say. */
  readonly onFile: (file: File) => Promise<FileFeedback | null>;
  readonly describe: (entry: string) => Promise<CertificateSummary | string>;
}

export interface FileFeedback {
  readonly severity: 'error' | 'info';
  readonly text: string;
}

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/** A list of certificates: paste PEM, pick or drop a file; each entry shows what it is and can be removed. */
export function CertificateList(props: CertificateListProps) {
  const feedback = useFieldFeedback();
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dropping, setDropping] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const message = feedback.messageFor(props.field);
  const idBase = props.field.replaceAll('.', '-');

  const add = (entries: readonly string[]) => {
    props.onChange(props.single ? entries.slice(0, 1) : [...props.entries, ...entries]);
    feedback.touch(props.field);
    setProblem(
      props.single && entries.length > 1 ? `Only the first of ${entries.length} certificates was kept: one sample device certificate is enough.` : null,
    );
    setNotice(null);
  };

  const addPasted = () => {
    const outcome = splitPem(pasted);
    if (!outcome.ok) return setProblem(outcome.message);
    add(outcome.entries);
    setPasted('');
    setPasting(false);
  };

  const importFiles = async (files: readonly File[]) => {
    if (fileInput.current) fileInput.current.value = '';
    const said: FileFeedback[] = [];
    for (const file of files) {
      const feedbackOfFile = await props.onFile(file);
      if (feedbackOfFile) said.push(feedbackOfFile);
    }
    const joined = (severity: FileFeedback['severity']) =>
      said
        .filter((s) => s.severity === severity)
        .map((s) => s.text)
        .join(' ') || null;
    setProblem(joined('error'));
    setNotice(joined('info'));
  };

  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      data-drop-target={dropping ? 'active' : undefined}
      onDragOver={(event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDropping(true);
      }}
      onDragLeave={(event: DragEvent) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDropping(false);
        void importFiles([...event.dataTransfer.files]);
      }}
      sx={{
        mb: 3,
        p: 1,
        borderRadius: 1,
        outline: '2px dashed',
        outlineColor: dropping ? 'primary.main' : 'transparent',
        bgcolor: dropping ? 'action.hover' : undefined,
      }}
    >
      <Typography id={headingId} variant="h3" sx={{ mb: 0.5 }}>
        {props.title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {props.description}
      </Typography>
      {dropping && (
        <Typography variant="body2" color="primary" sx={{ mb: 1.5, fontWeight: 600 }}>
          Drop the file to add it to {props.title}.
        </Typography>
      )}
      {props.entries.length > 0 && (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mb: 1.5, display: 'grid', gap: 1 }}>
          {props.entries.map((entry, index) => {
            const name = props.single ? props.noun : `${props.noun} ${index + 1}`;
            return (
              <Box
                component="li"
                key={`${index}-${entry.length}`}
                sx={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: 1.5,
                  px: 1.5,
                  py: 1,
                  border: 1,
                  borderColor: 'divider',
                  borderRadius: 1,
                  bgcolor: 'background.paper',
                }}
              >
                <Box sx={{ flex: 1, minWidth: 0 }}>
                  <Typography variant="overline" color="text.secondary" sx={{ lineHeight: 1.6 }}>
                    {name}
                  </Typography>
                  <EntryDetails entry={entry} role={props.role} describe={props.describe} />
                </Box>
                <Tooltip title={`Remove ${name}`}>
                  <IconButton
                    aria-label={`Remove ${name}`}
                    onClick={() => {
                      props.onChange(props.entries.filter((_, i) => i !== index));
                      feedback.touch(props.field);
                    }}
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              </Box>
            );
          })}
        </Box>
      )}
      {pasting ? (
        <Box sx={{ display: 'grid', gap: 1 }}>
          <TextField
            label={`${props.noun} in PEM`}
            multiline
            minRows={4}
            maxRows={10}
            value={pasted}
            autoFocus
            placeholder={'-----BEGIN CERTIFICATE-----\nMIID…\n-----END CERTIFICATE-----'}
            onChange={(event) => setPasted(event.target.value)}
            sx={monoInput}
            slotProps={{ htmlInput: { spellCheck: false, style: { fontSize: 12 } } }}
          />
          <Box sx={{ display: 'flex', gap: 1 }}>
            <Button id={`add-${idBase}`} variant="contained" onClick={addPasted} disabled={pasted.trim() === ''}>
              Add {props.noun.toLowerCase()}
            </Button>
            <Button
              onClick={() => {
                setPasting(false);
                setPasted('');
                setProblem(null);
              }}
            >
              Cancel
            </Button>
          </Box>
        </Box>
      ) : (
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button id={`paste-${idBase}`} variant="outlined" onClick={() => setPasting(true)}>
            {props.single && props.entries.length > 0 ? 'Replace: paste PEM' : 'Paste PEM'}
          </Button>
          <Button id={`file-${idBase}`} variant="outlined" startIcon={<UploadIcon />} onClick={() => fileInput.current?.click()}>
            Choose file…
          </Button>
          <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
            or drop a file here
          </Typography>
        </Box>
      )}
      <input
        ref={fileInput}
        type="file"
        hidden
        accept=".pem,.cer,.crt,.der,.p7b,.p7c,.pfx,.p12"
        aria-label={`${props.noun} file`}
        onChange={(event) => void importFiles([...(event.target.files ?? [])])}
      />
      {notice && (
        <Alert severity="info" role="status" sx={{ mt: 1 }} data-import-notice>
          {notice}
        </Alert>
      )}
      {problem && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {problem}
        </Alert>
      )}
      {message && (
        <FormHelperText error sx={{ mx: 0 }}>
          {message}
        </FormHelperText>
      )}
    </Box>
  );
}
