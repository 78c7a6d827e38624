import { describe, expect, it } from 'vitest';
import { originsSetting } from './settings.ts';

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
