import { basename } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import type { PreRenderedChunk } from 'rollup';

/**
 * What a module counts as in a chunk's name: antd by component (`antd-input`), another package by
 * its name (`rc-select`, `react-router`), the app's own code by file (`report-form-page`).
 */
function moduleLabel(id: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:(?:es|lib|dist)\/)?([^/]+)?/.exec(id);
  if (!nm) return basename(id.replace(/[?#].*$/, '')).replace(/\.[^.]+$/, '');
  if (nm[1] === 'antd' && nm[2] && !nm[2].includes('.')) return `antd-${nm[2]}`;
  return nm[1].replace(/^@/, '').replace('/', '-');
}

/**
 * Chunks named after what is in them. Rollup names a shared chunk after its first module, and
 * merging small chunks (experimentalMinChunkSize) gave names such as `use-download-error-message-*.js`
 * to 150 KB of antd Input, Typography and Menu. Here a chunk is named after its two largest parts by
 * source size (`rc-menu.rc-component-trigger-*.js`), a screen's chunk after the screen and then its
 * largest other part, so the network panel and the bench say what loads.
 */
function honestChunkNames(): { plugin: Plugin; chunkFileNames: (c: PreRenderedChunk) => string } {
  const size = new Map<string, number>();
  const plugin: Plugin = {
    name: 'module-sizes',
    apply: 'build',
    buildEnd() {
      for (const id of this.getModuleIds()) size.set(id, this.getModuleInfo(id)?.code?.length ?? 0);
    },
  };
  const chunkFileNames = (c: PreRenderedChunk) => {
    const by = new Map<string, number>();
    for (const id of c.moduleIds) by.set(moduleLabel(id), (by.get(moduleLabel(id)) ?? 0) + (size.get(id) ?? 0));
    // A screen's chunk (a dynamic import's target) is named after the screen first.
    const facade = c.facadeModuleId ? moduleLabel(c.facadeModuleId) : null;
    const rest = [...by].filter(([l]) => l !== facade).sort((a, b) => b[1] - a[1]);
    const top = [...(facade ? [facade] : []), ...rest.map(([l]) => l)].slice(0, 2).map((l) => l.replace(/[^\w-]/g, '_'));
    return `assets/${top.join('.') || c.name}-[hash].js`;
  };
  return { plugin, chunkFileNames };
}

/**
 * antd's ConfigProvider imports its form context, which takes `FormProvider` from rc-field-form's
 * index; that index sets statics on the form (`RefForm.Field = Field`, …), so the whole of
 * rc-field-form and async-validator (~15 KB brotli) stayed in the entry for pages with no form.
 * That one import is pointed at the module the index re-exports it from (the same module, so the
 * same context object the forms use); everything else imports rc-field-form as before.
 */
function formContextOnly(): Plugin {
  let pointed = false;
  return {
    name: 'form-context-only',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source !== 'rc-field-form' || !importer || !/[\\/]antd[\\/]es[\\/]form[\\/]context\.js$/.test(importer)) return null;
      const resolved = await this.resolve('rc-field-form/es/FormContext.js', importer, { skipSelf: true });
      if (!resolved) this.error('form-context-only: rc-field-form/es/FormContext.js is gone; see this plugin in vite.config.ts');
      pointed = true;
      return resolved;
    },
    // A build that never met antd's import (antd moved it) would quietly put ~15 KB back in the entry.
    buildEnd(error) {
      if (!error && !this.meta.watchMode && !pointed) this.error("form-context-only: antd/es/form/context.js no longer imports rc-field-form; update this plugin in vite.config.ts");
    },
  };
}

const names = honestChunkNames();

// The API serves the built app in production; in development Vite proxies /api to it.
export default defineConfig({
  // Brotli and gzip of every text asset, written beside it at build time: the API sends the one the
  // browser accepts (@fastify/static preCompressed), so nothing is compressed per request.
  plugins: [react(), formContextOnly(), names.plugin, compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, exclude: [/\.map$/] })],
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
      output: {
        // Fewer, larger chunks: a browser has six connections to the server over HTTP/1.1, so fifty
        // tiny chunks queue behind each other (and the API reads behind them) at a round trip each.
        // Measured (docs/benchmarks.md): with the form's dialogs loaded on use, merging at 20 KB adds
        // nothing the form does not need (353 KiB brotli in 22 chunks, against 355 KiB in 53 unmerged).
        experimentalMinChunkSize: 20_000,
        entryFileNames: 'assets/entry-[hash].js',
        chunkFileNames: names.chunkFileNames,
      },
    },
  },
});
