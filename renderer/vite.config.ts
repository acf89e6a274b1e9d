import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The renderer: built to dist/renderer with relative URLs so Electron can load it from file://. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or styles: the CSP forbids them.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
