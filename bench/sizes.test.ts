import { expect, it } from 'vitest';
import { measureBundles } from './sizes.ts';

it('keeps the loader, the call UI and a conversation\'s features within their gzip budgets', async () => {
  const sizes = await measureBundles();
  // The features load apart from the call UI: a page whose visitor never starts a conversation does not pay for them.
  expect(sizes.find((size) => size.bundle === 'conversation features')!.files.length).toBeGreaterThan(0);
  for (const size of sizes) {
    expect(size.gzip, `${size.bundle} is ${size.gzip} B gzip`).toBeLessThanOrEqual(size.budgetGzip);
  }
});
