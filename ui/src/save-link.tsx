import { useEffect, useMemo } from 'preact/hooks';

/**
 * A link that saves a received file under its name; the object URL is let go with the link.
 * @example <SaveLink blob={file.blob} name={file.name} />
 */
export function SaveLink({ blob, name }: { blob: Blob; name: string }) {
  const url = useMemo(() => URL.createObjectURL(blob), [blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a href={url} download={name}>
      Save {name}
    </a>
  );
}
