import { expect, it } from 'vitest';
import { measureBundles } from './sizes.ts';

it('keeps the loader and the call UI within their gzip budgets', async () => {
  for (const size of await measureBundles()) {
    expect(size.gzip, `${size.file} is ${size.gzip} B gzip`).toBeLessThanOrEqual(size.budgetGzip);
  }
});
