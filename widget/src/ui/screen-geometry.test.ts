import { describe, expect, it } from 'vitest';
import { contentBox, pointOnPicture } from './screen-geometry.ts';

describe('the picture of a shared screen', () => {
  it("fills the element's width with bars above and below for a wide screen, at the sides for a tall one", () => {
    expect(contentBox(400, 300, 1920, 1080)).toEqual({ left: 0, top: 37.5, width: 400, height: 225 });
    expect(contentBox(400, 300, 1080, 1920)).toEqual({ left: 115.625, top: 0, width: 168.75, height: 300 });
  });

  it('is the whole element until the video knows its size', () => {
    expect(contentBox(400, 300, 0, 0)).toEqual({ left: 0, top: 0, width: 400, height: 300 });
  });

  it('turns a pointer position into fractions of the picture', () => {
    const picture = { left: 10, top: 20, width: 200, height: 100 };
    expect(pointOnPicture(picture, 110, 45)).toEqual([0.5, 0.25]);
    expect(pointOnPicture(picture, 10, 120)).toEqual([0, 1]);
    expect(pointOnPicture({ ...picture, width: 0 }, 110, 45)).toBeNull();
  });
});
