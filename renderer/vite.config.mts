import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// Always a production build, whatever NODE_ENV the caller has: under vitest it is "test", and
// Vite and the React plugin would then bundle React's development build and its dev JSX runtime.
process.env.NODE_ENV = 'production';

// base './': the same build is loaded from Electron's app:// scheme and from the web host,
// so every asset URL must be relative to index.html.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  mode: 'production',
  // The application icon's folder (assets/icon.svg is the favicon index.html links), copied as is.
  publicDir: fileURLToPath(new URL('../assets', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // Under script-src 'self' nothing may be inlined; small assets stay separate files too.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 800,
  },
});
