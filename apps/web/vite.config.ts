import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

// The API serves the built app in production; in development Vite proxies /api to it.
export default defineConfig({
  // Brotli and gzip of every text asset, written beside it at build time: the API sends the one the
  // browser accepts (@fastify/static preCompressed), so nothing is compressed per request.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, exclude: [/\.map$/] })],
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.API_PROXY_TARGET ?? 'http://localhost:3000', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // One bundle: splitting React from the libraries that use it broke start-up order (antd 5 + React 19).
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      // Fewer, larger chunks: a browser has six connections to the server over HTTP/1.1, so fifty
      // tiny chunks queue behind each other (and the API reads behind them) at a round trip each.
      output: { experimentalMinChunkSize: 20_000 },
    },
  },
});
