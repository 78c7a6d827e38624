import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{protocol,rtc,ui,widget,agent-console,api,scripts,bench}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**'],
    testTimeout: 20_000,
  },
});
