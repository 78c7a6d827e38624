import { linkify } from '../chat-text.ts';

/**
 * A chat message's text: always text, never markup; http(s) addresses are
 * links that open in a new tab without giving the page they open a hold on the console.
 * @example <ChatText text="Try https://example.com/reset" />
 */
export function ChatText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((segment, index) =>
        segment.href ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer nofollow">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
