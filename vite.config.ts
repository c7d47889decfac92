// Builds the web (src/web) into dist/web, which the server serves with an index.html fallback.
// In development `npx vite` serves the web and forwards /api to the API server on port 3000.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // Keep the fonts and icons as files: the Content-Security-Policy allows no data: URLs for fonts.
    assetsInlineLimit: 0,
    // React and Designsystemet are most of the survey's bundle (~175 kB gzip); leaders' pages are split off.
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
