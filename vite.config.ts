import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The API's port: the same PORT variable the server reads (npm run dev starts both).
const api = `http://127.0.0.1:${process.env.PORT ?? 4000}`;

/*
 * The web app lives in web/; the server serves web/dist on the API's port, so in development
 * the dev server forwards the API's paths to it instead.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [vue()],
  define: {
    // Feature flags of Vue and vue-i18n: the app uses the Composition API only, so the bundler can drop the rest.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    // Whether the optional boundary file is there (charts/boundaries.ts): known when the app is built, so a
    // build without it never asks for it, and no visitor's console shows a 404.
    __BOUNDARY_FILE__: JSON.stringify(fs.existsSync(fileURLToPath(new URL('./web/public/geo/municipalities.geojson', import.meta.url)))),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The chart chunk (ECharts, tree-shaken, about 210 kB gzip) loads with the first chart, not with the entry.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/graphql': api,
      '/api': api,
      '/healthz': api,
      '/readyz': api,
      // Only the source files: the page /sources itself belongs to the app.
      '^/sources/.+': api,
    },
  },
});
