// The chat as a text file the visitor keeps: order numbers, steps to follow.

/**
 * The messages the server has, one line each with its time, as a plain text file's contents, headed by the day it began.
 * @example transcriptText([{ n: 1, from: 'visitor', text: 'Hello', at: 0 }], 'Ann', { timeZone: 'UTC', locale: 'en-GB' }) // 'Support chat with Ann, 1 January 1970\n\n[00:00] You: Hello\n'
 */
export function transcriptText(
  messages: readonly { n: number | null; from: string; text: string; at: number }[],
  agent: string,
  { locale, timeZone }: { locale?: string; timeZone?: string } = {},
): string {
  const time = (at: number) => new Date(at).toLocaleTimeString(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  const sent = messages.filter((entry) => entry.n !== null);
  // Every break an editor may show as a new line (CR alone, CRLF, Unicode's line and paragraph separators) is indented as a message's own lines are, so no message can fake the time and author of another.
  const lines = sent.map((entry) => `[${time(entry.at)}] ${entry.from === 'visitor' ? 'You' : agent}: ${entry.text.replace(/\r\n?|[\n\u2028\u2029]/g, '\n    ')}`);
  // Times alone say nothing a week later: the file says the day too.
  const day = sent.length ? `, ${new Date(sent[0]!.at).toLocaleDateString(locale, { timeZone, dateStyle: 'long' })}` : '';
  return `Support chat with ${agent}${day}\n\n${lines.join('\n')}\n`;
}
