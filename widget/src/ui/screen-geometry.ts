// Where a shared screen's picture lies inside its video element, so drawings
// are placed on the picture itself and not on the bars around it.

/** A rectangle in CSS pixels, relative to the video element's top left corner. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The part of a `width` × `height` element (object-fit: contain) that a
 * `videoWidth` × `videoHeight` picture fills; the whole element until the picture's size is known.
 * @example contentBox(400, 300, 1920, 1080) // { left: 0, top: 37.5, width: 400, height: 225 }
 */
export function contentBox(width: number, height: number, videoWidth: number, videoHeight: number): Box {
  if (!videoWidth || !videoHeight) return { left: 0, top: 0, width, height };
  const scale = Math.min(width / videoWidth, height / videoHeight);
  const shown = { width: videoWidth * scale, height: videoHeight * scale };
  return { left: (width - shown.width) / 2, top: (height - shown.height) / 2, ...shown };
}

/**
 * A pointer position as fractions of the picture (0..1 from its top left
 * corner), given the picture's rectangle on the page; null while it has no size.
 * @example pointOnPicture({ left: 10, top: 20, width: 200, height: 100 }, 110, 45) // [0.5, 0.25]
 */
export function pointOnPicture(picture: Box, clientX: number, clientY: number): [number, number] | null {
  if (!picture.width || !picture.height) return null;
  return [(clientX - picture.left) / picture.width, (clientY - picture.top) / picture.height];
}
