import { describe, expect, it } from 'vitest';
import { metricsTokenSetting, originsSetting, switchSetting, textSetting } from './settings.ts';

describe('an origins setting', () => {
  it('takes each origin as browsers send it, and leaves blanks out', () => {
    expect(originsSetting('BECKON_DEMO_ORIGINS', 'https://Shop.example/, ,http://localhost:3000')).toEqual(['https://shop.example', 'http://localhost:3000']);
    expect(originsSetting('BECKON_DEMO_ORIGINS', undefined)).toEqual([]);
  });

  it('names the one that is not an origin', () => {
    expect(() => originsSetting('BECKON_DEMO_ORIGINS', 'https://shop.example,https://shop.example/help')).toThrow(
      'BECKON_DEMO_ORIGINS: "https://shop.example/help": origin must be a page origin such as https://shop.example, without a path',
    );
  });
});

describe('a setting with a default', () => {
  // `HOST=` or `BECKON_DATA_DIR=` in an environment file means "not set", not every address or the current directory.
  it('is the default when unset or blank', () => {
    expect(textSetting(undefined, '127.0.0.1')).toBe('127.0.0.1');
    expect(textSetting(' ', '127.0.0.1')).toBe('127.0.0.1');
    expect(textSetting(' 0.0.0.0', '127.0.0.1')).toBe('0.0.0.0');
  });
});

describe('an on/off setting', () => {
  it('takes the usual words for on and off, in any case, and blank as unset', () => {
    expect(['1', 'true', 'Yes', 'ON'].map((value) => switchSetting('BECKON_DEMO_RELAY_ONLY', value))).toEqual([true, true, true, true]);
    expect(['0', 'false', 'No', 'OFF'].map((value) => switchSetting('BECKON_DEMO_RELAY_ONLY', value))).toEqual([false, false, false, false]);
    expect([undefined, ' '].map((value) => switchSetting('BECKON_DEMO_RELAY_ONLY', value))).toEqual([undefined, undefined]);
  });

  // A relay-only demo that a typo left direct would show the visitors' addresses it was meant to hide.
  it('names a word it does not know rather than taking it for off', () => {
    expect(() => switchSetting('BECKON_DEMO_RELAY_ONLY', 'enabled')).toThrow('BECKON_DEMO_RELAY_ONLY must be 1, true, yes or on, or 0, false, no or off, not "enabled"');
  });
});

describe('the metrics token', () => {
  it('is no metrics when unset or blank, and refuses one short enough to guess', () => {
    expect(metricsTokenSetting(undefined)).toBeUndefined();
    expect(metricsTokenSetting('  ')).toBeUndefined();
    expect(metricsTokenSetting(' 0123456789abcdef ')).toBe('0123456789abcdef');
    expect(() => metricsTokenSetting('secret')).toThrow('BECKON_METRICS_TOKEN is too short: use at least 16 random characters (openssl rand -hex 16)');
  });
});
