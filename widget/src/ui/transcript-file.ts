// The chat as a text file the visitor keeps: order numbers, steps to follow.

/**
 * The messages the server has, one line each with its time, as a plain text file's contents.
 * @example transcriptText([{ n: 1, from: 'visitor', text: 'Hello', at: 0 }], 'Ann', { timeZone: 'UTC', locale: 'en-GB' }) // 'Support chat with Ann\n\n[00:00] You: Hello\n'
 */
export function transcriptText(
  messages: readonly { n: number | null; from: string; text: string; at: number }[],
  agent: string,
  { locale, timeZone }: { locale?: string; timeZone?: string } = {},
): string {
  const time = (at: number) => new Date(at).toLocaleTimeString(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  const lines = messages.filter((entry) => entry.n !== null).map((entry) => `[${time(entry.at)}] ${entry.from === 'visitor' ? 'You' : agent}: ${entry.text.replace(/\n/g, '\n    ')}`);
  return `Support chat with ${agent}\n\n${lines.join('\n')}\n`;
}
