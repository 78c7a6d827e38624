import { describe, expect, it } from 'vitest';
import { pictureBox, pointOnPicture } from './video-box.ts';

describe('the picture of a letterboxed video', () => {
  it('is centred with bars above and below a wide video', () => {
    expect(pictureBox(800, 600, 1920, 1080)).toEqual({ left: 0, top: 75, width: 800, height: 450 });
  });

  it('is centred with bars left and right of a tall video', () => {
    expect(pictureBox(800, 600, 600, 900)).toEqual({ left: 200, top: 0, width: 400, height: 600 });
  });

  it('fills the element until the video\'s size is known', () => {
    expect(pictureBox(800, 600, 0, 0)).toEqual({ left: 0, top: 0, width: 800, height: 600 });
  });

  it('turns a screen point into fractions of the picture, kept on it', () => {
    const picture = { left: 10, top: 20, width: 200, height: 100 };
    expect(pointOnPicture(picture, 110, 45)).toEqual([0.5, 0.25]);
    expect(pointOnPicture(picture, 0, 500)).toEqual([0, 1]);
  });
});
