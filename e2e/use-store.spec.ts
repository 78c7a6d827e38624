// Components drawn from nanostores, in real Chromium: a change is drawn in
// Preact's own batch, before the next task, and changes made together are
// drawn in one pass. Socket messages are tasks, so drawing never waits in
// timers of its own between them (docs/performance.md).
import { expect, test } from '@playwright/test';
import { openModulePage } from './helpers.ts';

type Page = typeof import('./use-store-page.ts');

test('a store change is drawn before the next task, changes made together in one pass', async ({ page }) => {
  await openModulePage(page, './use-store-page.ts', 'useStorePage');
  const result = await page.evaluate(async () => {
    const { atom, h, render, useStore } = (window as unknown as { useStorePage: Page }).useStorePage;
    const $count = atom(0);
    const $name = atom('Ada');
    const drawn: string[] = [];
    function Card() {
      const text = `${useStore($name)} ${useStore($count)}`;
      drawn.push(text);
      return h('p', null, text);
    }
    render(h(Card, null), document.body);
    // Effects (the store subscriptions) run after the first drawing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    drawn.length = 0;
    let beforeNextTask = '';
    setTimeout(() => (beforeNextTask = document.body.textContent ?? ''));
    $count.set(1);
    $name.set('Grace');
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { beforeNextTask, drawn };
  });
  expect(result).toEqual({ beforeNextTask: 'Grace 1', drawn: ['Grace 1'] });
});
