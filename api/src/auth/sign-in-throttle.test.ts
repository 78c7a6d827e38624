import { beforeEach, describe, expect, it } from 'vitest';
import { SignInThrottle, emailWindowMs, knownAddressMs, maxFailedSignIns, maxFailedSignInsPerEmail, signInWindowMs } from './sign-in-throttle.ts';

let now: number;
beforeEach(() => {
  now = 1_700_000_000_000;
});

// Sign-ins that fail, each answered with its wait.
const attempts = (throttle: SignInThrottle, email: string, client: string, times: number) =>
  Array.from({ length: times }, () => throttle.attempt(email, client));

describe('the sign-in throttle', () => {
  it('holds an email back from one address after 10 failed sign-ins there, until the oldest is 10 minutes old', () => {
    const throttle = new SignInThrottle(() => now);
    expect(throttle.attempt('ada@example.com', '203.0.113.7')).toBe(0);
    now += 60_000;
    expect(attempts(throttle, 'ada@example.com', '203.0.113.7', maxFailedSignIns - 1)).toEqual(Array(maxFailedSignIns - 1).fill(0));
    expect(throttle.attempt('ada@example.com', '203.0.113.7')).toBe(signInWindowMs - 60_000);
    // Another address, and another email, are not held back.
    expect(throttle.attempt('ada@example.com', '198.51.100.1')).toBe(0);
    expect(throttle.attempt('bob@example.com', '203.0.113.7')).toBe(0);
    now += signInWindowMs - 60_000 + 1;
    expect(throttle.attempt('ada@example.com', '203.0.113.7')).toBe(0);
  });

  it('counts sign-ins whose passwords are still being checked, and forgets them all after a right one', () => {
    const throttle = new SignInThrottle(() => now);
    attempts(throttle, 'ada@example.com', '203.0.113.7', maxFailedSignIns);
    expect(throttle.attempt('ada@example.com', '203.0.113.7')).toBeGreaterThan(0);
    throttle.succeeded('ada@example.com', '203.0.113.7');
    expect(throttle.attempt('ada@example.com', '203.0.113.7')).toBe(0);
  });

  it('counts an IPv6 network as one address, so a guesser cannot move through the addresses of its /64', () => {
    const throttle = new SignInThrottle(() => now);
    for (let host = 1; host <= maxFailedSignIns; host++) expect(throttle.attempt('ada@example.com', `2001:db8:1:2::${host}`)).toBe(0);
    expect(throttle.attempt('ada@example.com', '2001:db8:1:2:ffff::1')).toBeGreaterThan(0);
    expect(throttle.attempt('ada@example.com', '2001:db8:1:3::1')).toBe(0);
  });

  it('remembers a bounded number of emails and addresses, forgetting first those whose latest failure is oldest', () => {
    const throttle = new SignInThrottle(() => now, 2);
    attempts(throttle, 'ada@example.com', '203.0.113.7', maxFailedSignIns - 1);
    attempts(throttle, 'bob@example.com', '203.0.113.7', maxFailedSignIns);
    // Ada's latest failure is now newer than Bob's; Cy's makes three pairs.
    throttle.attempt('ada@example.com', '203.0.113.7');
    throttle.attempt('cy@example.com', '203.0.113.7');
    expect(throttle.attempt('ada@example.com', '203.0.113.7')).toBeGreaterThan(0);
    expect(throttle.attempt('bob@example.com', '203.0.113.7')).toBe(0);
  });

  it('holds an email back from every new address once guesses spread over many addresses reach the limit, but not from an address it signed in from', () => {
    const throttle = new SignInThrottle(() => now);
    throttle.attempt('ada@example.com', '192.0.2.1');
    throttle.succeeded('ada@example.com', '192.0.2.1');
    // One guess from each of many addresses, none of them held back by its own count.
    const spread = Array.from({ length: maxFailedSignInsPerEmail }, (_, n) => throttle.attempt('ada@example.com', `10.0.${n >> 8}.${n & 255}`));
    expect(spread).toEqual(Array(maxFailedSignInsPerEmail).fill(0));
    now += 60_000;
    expect(throttle.attempt('ada@example.com', '10.9.9.9')).toBe(emailWindowMs - 60_000);
    // Ada still signs in from her own address; other emails are not held back.
    expect(throttle.attempt('ada@example.com', '192.0.2.1')).toBe(0);
    expect(throttle.attempt('bob@example.com', '10.9.9.9')).toBe(0);
    now += emailWindowMs;
    expect(throttle.attempt('ada@example.com', '10.9.9.9')).toBe(0);
  });

  it('stops counting an address as the email\'s own a month after its last sign-in there', () => {
    const throttle = new SignInThrottle(() => now);
    throttle.succeeded('ada@example.com', '192.0.2.1');
    now += knownAddressMs;
    attempts(throttle, 'ada@example.com', '10.0.0.1', maxFailedSignIns);
    attempts(throttle, 'ada@example.com', '10.0.0.2', maxFailedSignIns);
    attempts(throttle, 'ada@example.com', '10.0.0.3', maxFailedSignInsPerEmail - 2 * maxFailedSignIns);
    expect(throttle.attempt('ada@example.com', '192.0.2.1')).toBeGreaterThan(0);
  });
});
