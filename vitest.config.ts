import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Vite prefers graphql's ESM build while Apollo (loaded by Node) requires the CommonJS one; two copies
    // of graphql refuse each other's types ("from another module or realm"), so everything gets the one Node uses.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
