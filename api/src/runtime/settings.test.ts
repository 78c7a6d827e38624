import { describe, expect, it } from 'vitest';
import { originsSetting, textSetting } from './settings.ts';

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
