import CssBaseline from '@mui/material/CssBaseline';
import GlobalStyles from '@mui/material/GlobalStyles';
import { ThemeProvider } from '@mui/material/styles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { MONO_STACK, theme } from './theme';

// A file dropped anywhere but a drop area would make the window open it in place of the wizard.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (event) => {
    if (event.defaultPrevented) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
  });
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <GlobalStyles
          styles={{
            ':root': { '--seg-mono': MONO_STACK },
            'html, body, #root': { height: '100%' },
            body: { overflowWrap: 'anywhere' },
            // One focus ring for every control reached by the keyboard: MUI's own ripple is too faint to follow.
            // Scoped to body to outrank ButtonBase's own 'outline: 0'.
            'body :focus-visible, body .Mui-focusVisible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: 2 },
          }}
        />
        <App />
      </ThemeProvider>
    </StrictMode>,
  );
}
