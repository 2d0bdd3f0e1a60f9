import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    environment: 'node',
    // prints which Node versions the end-to-end suite runs dist/index.js under
    globalSetup: ['__tests__/e2e/global-setup.ts'],
    // loads the YAML parser, which the action loads only when a YAML input is set
    setupFiles: ['__tests__/support/yaml-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    restoreMocks: true,
    coverage: { provider: 'v8', include: ['src/**/*.ts'], reporter: ['text-summary'] },
  },
})
