import { linkParts } from '../links.ts';

/**
 * A chat message's text as text nodes, never markup, with its http(s)
 * addresses as links that open in a new tab and pass nothing on to the site.
 * @example <MessageText text="See https://shop.example/help" />
 */
export function MessageText({ text }: { text: string }) {
  return (
    <>
      {linkParts(text).map((part) =>
        typeof part === 'string' ? (
          part
        ) : (
          <a href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ),
      )}
    </>
  );
}
