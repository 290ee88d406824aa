import { defineConfig } from 'vitest/config'

// The built files are embedded into the Go binary (main.go) and served by
// Wails' asset server; relative paths keep them working under any prefix.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
})
