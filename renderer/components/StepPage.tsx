import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, type ReactNode } from 'react';

export interface StepPageProps {
  readonly title: string;
  readonly intro: ReactNode;
  readonly children: ReactNode;
  readonly actions?: ReactNode;
}

/**
 * One step's page. Its heading takes the focus when the step opens, so a keyboard or
 * screen-reader user hears where they are and the next Tab reaches the first field.
 */
export function StepPage(props: StepPageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Box component="section" aria-labelledby="step-title" sx={{ maxWidth: 860 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 0.5 }}>
        <Typography id="step-title" variant="h1" ref={heading} tabIndex={-1} sx={{ flex: 1, outline: 'none' }}>
          {props.title}
        </Typography>
        {props.actions}
      </Box>
      <Typography color="text.secondary" sx={{ mb: 3, maxWidth: 720 }}>
        {props.intro}
      </Typography>
      {props.children}
    </Box>
  );
}

/** A titled group of fields inside a step. */
export function FieldGroup(props: { readonly title: string; readonly children: ReactNode; readonly description?: ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 3, minWidth: 0 }}>
      <Typography component="legend" variant="h3" sx={{ mb: props.description ? 0.5 : 1.5 }}>
        {props.title}
      </Typography>
      {props.description && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {props.description}
        </Typography>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', columnGap: 2, rowGap: 0.5 }}>{props.children}</Box>
    </Box>
  );
}

/** A titled, outlined part of a step (Configure, Export): a labelled landmark for screen readers. */
export function Section({ title, description, children }: { readonly title: string; readonly description: string; readonly children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 2.5, mb: 2 }}>
      <Typography variant="h2" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {description}
      </Typography>
      {children}
    </Paper>
  );
}
