import { expect, it } from 'vitest';
import { describeWait } from './wait.ts';

it('puts a wait in words a visitor reads at a glance', () => {
  expect([0, 29, 30, 60, 89, 90, 240, 3600].map(describeWait)).toEqual([
    'less than a minute',
    'less than a minute',
    'about 1 minute',
    'about 1 minute',
    'about 1 minute',
    'about 2 minutes',
    'about 4 minutes',
    'about 60 minutes',
  ]);
});
