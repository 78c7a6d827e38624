import { describe, expect, it } from 'vitest';
import { reconnectDelayMs, switchboardSocketUrl } from './switchboard.ts';

describe('reconnectDelayMs', () => {
  const middle = () => 0.5;

  it('doubles from half a second', () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelayMs(attempt, middle))).toEqual([500, 1000, 2000, 4000]);
  });

  it('stops growing at 30 s', () => {
    expect(reconnectDelayMs(10, middle)).toBe(8_000);
    expect(reconnectDelayMs(50, middle)).toBe(8_000);
  });

  it('spreads retries between half and one and a half times the step', () => {
    expect(reconnectDelayMs(2, () => 0)).toBe(1000);
    expect(reconnectDelayMs(2, () => 0.999)).toBeCloseTo(2998, -1);
  });
});

describe('switchboardSocketUrl', () => {
  it('uses wss on https and keeps the token out of the URL, where logs would keep it', () => {
    expect(switchboardSocketUrl('https://support.example')).toBe('wss://support.example/v1/agent/ws');
    expect(switchboardSocketUrl('http://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/v1/agent/ws');
  });
});
