import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API serves the built app in production; in development Vite proxies /api to it.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.API_PROXY_TARGET ?? 'http://localhost:3000', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // One bundle: splitting React from the libraries that use it broke start-up order (antd 5 + React 19).
    chunkSizeWarningLimit: 2500,
  },
});
