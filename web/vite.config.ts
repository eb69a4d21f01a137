import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// `npm run dev` serves the app on :5173 and proxies the API to a `caja serve`
// on :8080 (CAJA_DEV_API overrides it).
const api = process.env.CAJA_DEV_API ?? 'http://127.0.0.1:8080';

// web/embed.go embeds dist/ and dist/.gitkeep is committed so that `go build`
// works before any web build: Vite empties dist/ before a build, so put the
// placeholder file back afterwards.
function keepGitkeep(): Plugin {
  return {
    name: 'caja-keep-gitkeep',
    apply: 'build',
    closeBundle() {
      writeFileSync(resolve(import.meta.dirname, 'dist/.gitkeep'), '');
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), keepGitkeep()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: {
      '/api': { target: api },
      '/health': { target: api },
      '/livez': { target: api },
      '/readyz': { target: api },
    },
  },
});
