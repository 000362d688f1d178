/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:5080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    // No source maps in the served build: they would double what the host ships and serves.
    sourcemap: false,
    // The host's Content-Security-Policy forbids inline scripts; Vite's module preload polyfill is one.
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    restoreMocks: true,
    // Typing with user-event on a busy shared machine can take seconds; a timeout here is load, not a failure.
    testTimeout: 20_000,
  },
});
