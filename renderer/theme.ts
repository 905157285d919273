import { createTheme } from '@mui/material/styles';
import type { CSSProperties } from 'react';

declare module '@mui/material/styles' {
  interface TypographyVariants {
    mono: CSSProperties;
  }
  interface TypographyVariantsOptions {
    mono?: CSSProperties;
  }
}

// System fonts only: the app runs offline and under a CSP, so no web fonts are fetched.
const FONT_STACK = '"Segoe UI", "Liberation Sans", "Helvetica Neue", Arial, sans-serif';
export const MONO_STACK = '"Cascadia Mono", Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

export const STATUS_COLOURS = {
  pass: '#2e7d32',
  warn: '#a15c00',
  fail: '#c62828',
  skip: '#6b7785',
  running: '#1e5aa8',
  waiting: '#8a96a3',
} as const;

export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#1e5aa8', dark: '#17467f', light: '#e8f0fa' },
    secondary: { main: '#44546a' },
    error: { main: STATUS_COLOURS.fail },
    warning: { main: '#b26a00' },
    success: { main: STATUS_COLOURS.pass },
    background: { default: '#f3f5f8', paper: '#ffffff' },
    text: { primary: '#1d2733', secondary: '#56606d' },
    divider: '#dde2e8',
  },
  shape: { borderRadius: 6 },
  typography: {
    fontFamily: FONT_STACK,
    fontSize: 14,
    h1: { fontSize: '1.35rem', fontWeight: 600 },
    h2: { fontSize: '1.15rem', fontWeight: 600 },
    h3: { fontSize: '1rem', fontWeight: 600 },
    button: { textTransform: 'none', fontWeight: 600 },
    // The one monospace rule: code, commands, host names, SPNs, paths and hashes.
    mono: { fontFamily: MONO_STACK },
  },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { size: 'small', fullWidth: true } },
    // A helper or error text of two lines must not touch the floating label of the field below.
    MuiFormHelperText: { styleOverrides: { root: { marginBottom: 10 } } },
    MuiPaper: { defaultProps: { elevation: 0 } },
    MuiTooltip: { defaultProps: { arrow: true } },
  },
});

/** Monospace text, by the theme's one rule: `sx={mono}`, or spread into a larger sx. */
export const mono = { typography: 'mono' } as const;

/** The same rule for what is typed into a text field. */
export const monoInput = { '& .MuiInputBase-input': mono } as const;
