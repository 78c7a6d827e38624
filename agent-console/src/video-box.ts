// Where a video's picture sits inside its element: a video shown with
// `object-fit: contain` is letterboxed, and drawings must line up with the
// picture, not with the bars around it.

/** A rectangle in CSS pixels, relative to the element's top left corner. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The picture's box inside an element of the given size; the whole element
 * until the video's size is known.
 * @example pictureBox(800, 600, 1920, 1080) // { left: 0, top: 75, width: 800, height: 450 }
 */
export function pictureBox(elementWidth: number, elementHeight: number, videoWidth: number, videoHeight: number): Box {
  if (!videoWidth || !videoHeight) return { left: 0, top: 0, width: elementWidth, height: elementHeight };
  const scale = Math.min(elementWidth / videoWidth, elementHeight / videoHeight);
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  return { left: (elementWidth - width) / 2, top: (elementHeight - height) / 2, width, height };
}

/**
 * A point of the screen (client coordinates) as fractions of the picture, kept on the picture.
 * @example pointOnPicture({ left: 10, top: 20, width: 200, height: 100 }, 110, 45) // [0.5, 0.25]
 */
export function pointOnPicture(picture: Box, clientX: number, clientY: number): [number, number] {
  const fraction = (value: number) => Math.min(1, Math.max(0, value));
  return [fraction((clientX - picture.left) / picture.width), fraction((clientY - picture.top) / picture.height)];
}
