import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { StepPage } from '../components/StepPage';

export interface NotYetStepProps {
  readonly title: string;
  readonly intro: string;
  readonly arrives: string;
  readonly willDo: readonly string[];
}

/** A step whose work is not built yet: it says so plainly, and what it will do. */
export function NotYetStep(props: NotYetStepProps) {
  return (
    <StepPage title={props.title} intro={props.intro}>
      <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
        <AlertTitle>Not available yet</AlertTitle>
        {props.arrives}
      </Alert>
      <Typography variant="h3" sx={{ mb: 1 }}>
        What this step will do
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 3, '& li': { mb: 0.5 } }}>
        {props.willDo.map((line) => (
          <Typography component="li" variant="body2" key={line}>
            {line}
          </Typography>
        ))}
      </Box>
    </StepPage>
  );
}
