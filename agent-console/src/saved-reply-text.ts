// A saved reply as it goes into the reply box: `{name}` becomes the name of
// the customer the site verified (`{name|there}`: "there" when it did not),
// `{agent}` the agent's own name. Anything else in braces stays as written.
import type { Caller } from '@beckon/protocol';

/**
 * The reply's text for this caller, from this agent.
 * @example fillReply('Hi {name|there}, this is {agent}.', { visitor: 'Visitor 4F2A', page: '' }, 'Alex') // 'Hi there, this is Alex.'
 */
export function fillReply(text: string, caller: Caller, agent: string): string {
  return text.replace(/\{(name|agent)(?:\|([^{}]*))?\}/g, (_placeholder, field: string, fallback: string | undefined) =>
    field === 'agent' ? agent : (caller.customer?.name ?? fallback ?? ''),
  );
}
