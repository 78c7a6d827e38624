import { beforeEach, describe, expect, it } from 'vitest';
import { SignInThrottle, maxFailedSignIns, signInWindowMs } from './sign-in-throttle.ts';

let now: number;
beforeEach(() => {
  now = 1_700_000_000_000;
});

const failTimes = (throttle: SignInThrottle, email: string, client: string, times: number) => {
  for (let i = 0; i < times; i++) throttle.failed(email, client);
};

describe('the sign-in throttle', () => {
  it('holds an email back from one address after 10 wrong passwords there, until the oldest is 10 minutes old', () => {
    const throttle = new SignInThrottle(() => now);
    throttle.failed('ada@example.com', '203.0.113.7');
    now += 60_000;
    failTimes(throttle, 'ada@example.com', '203.0.113.7', maxFailedSignIns - 2);
    expect(throttle.wait('ada@example.com', '203.0.113.7')).toBe(0);
    throttle.failed('ada@example.com', '203.0.113.7');
    expect(throttle.wait('ada@example.com', '203.0.113.7')).toBe(signInWindowMs - 60_000);
    // Another address, and another email, are not held back.
    expect(throttle.wait('ada@example.com', '198.51.100.1')).toBe(0);
    expect(throttle.wait('bob@example.com', '203.0.113.7')).toBe(0);
    now += signInWindowMs - 60_000 + 1;
    expect(throttle.wait('ada@example.com', '203.0.113.7')).toBe(0);
  });

  it('forgets the wrong passwords before a right one', () => {
    const throttle = new SignInThrottle(() => now);
    failTimes(throttle, 'ada@example.com', '203.0.113.7', maxFailedSignIns - 1);
    throttle.succeeded('ada@example.com', '203.0.113.7');
    throttle.failed('ada@example.com', '203.0.113.7');
    expect(throttle.wait('ada@example.com', '203.0.113.7')).toBe(0);
  });

  it('remembers a bounded number of emails and addresses, forgetting first those whose latest failure is oldest', () => {
    const throttle = new SignInThrottle(() => now, 2);
    failTimes(throttle, 'ada@example.com', '203.0.113.7', maxFailedSignIns);
    failTimes(throttle, 'bob@example.com', '203.0.113.7', maxFailedSignIns);
    // Ada's latest failure is now newer than Bob's.
    throttle.failed('ada@example.com', '203.0.113.7');
    throttle.failed('cy@example.com', '203.0.113.7');
    expect(throttle.wait('bob@example.com', '203.0.113.7')).toBe(0);
    expect(throttle.wait('ada@example.com', '203.0.113.7')).toBeGreaterThan(0);
  });
});
