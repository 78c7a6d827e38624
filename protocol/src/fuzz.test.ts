// Every validator, fed whatever a client could send: it answers with the
// message or a clear refusal, never with a crash, and what it accepts is
// already in its final shape (validating it again changes nothing), so
// nothing unvalidated is stored or relayed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as protocol from './index.ts';
import { errorCodes } from './errors.ts';
import type { Parsed } from './messages.ts';

const socketParsers: Record<string, (text: string) => Parsed<unknown>> = {
  conversation: protocol.parseConversationMessage,
  agent: protocol.parseAgentMessage,
  board: protocol.parseBoardMessage,
};

// A valid message of each kind each socket takes: the starting points of the mutations below.
const validMessages: Record<string, object[]> = {
  conversation: [
    { type: 'signal', seq: 1, description: { type: 'offer', sdp: 'v=0\r\n' } },
    { type: 'signal', seq: 2, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' } },
    { type: 'cancel' },
    { type: 'hangup', reason: 'failed' },
    { type: 'chat', id: 'm1', text: 'hello' },
    { type: 'receipt', kind: 'read', through: 3 },
    { type: 'typing', typing: true },
    { type: 'request', kind: 'video' },
    { type: 'consent', accept: true },
    { type: 'withdraw' },
    { type: 'screen', streamId: 's1' },
    { type: 'callback-answer', accept: false },
    { type: 'hold', on: true },
    { type: 'quality', summary: { samples: 60, averageMos: 4.2, worstMos: 3.9, averageLossPercent: 0.5, worstLossPercent: 2, averageVideoLossPercent: null, worstVideoLossPercent: null, recentMos: 4.3, recentLossPercent: 0, relayUsed: false, peerRelayUsed: null, reconnects: 1 } },
  ],
  agent: [
    { type: 'presence', status: 'away' },
    { type: 'renew', token: 'x.y.z' },
    { type: 'accept', offerId: 'o1' },
    { type: 'decline', offerId: 'o1' },
    { type: 'leave' },
    { type: 'wrap-up', contactId: 'c1', disposition: 'resolved', notes: 'done' },
    { type: 'whisper', to: 'a2', text: 'help' },
    { type: 'transfer', contactId: 'c1', to: { agent: 'a2' }, warm: true, note: 'n' },
    { type: 'transfer', contactId: 'c1', to: { queue: 'billing' } },
    { type: 'monitor-signal', monitorId: 'm1', candidate: { candidate: '', sdpMid: null, sdpMLineIndex: null } },
    { type: 'call-back', contactId: 'c1' },
    { type: 'callback-done', contactId: 'c1' },
  ],
  board: [
    { type: 'whisper', to: 'a1', text: 'hi' },
    { type: 'renew', token: 't' },
    { type: 'reassign', contactId: 'c1', agentId: 'a2' },
    { type: 'monitor', contactId: 'c1' },
    { type: 'monitor-signal', monitorId: 'm1', description: { type: 'answer', sdp: 'v=0' } },
    { type: 'monitor-stop', monitorId: 'm1' },
  ],
};

// Any JSON a client could write, with the keys and values that reach odd corners.
const oddKey = fc.constantFrom('__proto__', 'constructor', 'toString', 'type', 'seq', 'text', 'to', 'description', 'candidate', 'summary', '');
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 1.5, Number.MAX_SAFE_INTEGER + 2, '', '\u0000', '\ud800', '\u202e', 'x'.repeat(70_000)),
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), oddKey), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Replaces, adds or deletes one field somewhere inside a copy of `message`. */
function mutate(message: object, path: number[], value: unknown, remove: boolean): unknown {
  const copy: Record<string, unknown> = structuredClone(message) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const step of path) {
    const keys = Object.keys(target);
    if (keys.length === 0) break;
    const key = keys[step % keys.length]!;
    const inner = target[key];
    if (inner === null || typeof inner !== 'object' || step % 3 === 0) {
      if (remove) delete target[key];
      else target[key] = value;
      return copy;
    }
    target = inner as Record<string, unknown>;
  }
  target[remove ? 'extra' : 'type'] = value;
  return copy;
}

function expectAnswer(parsed: Parsed<unknown>, parse: (text: string) => Parsed<unknown>) {
  if (parsed.ok) {
    // Accepted: its own JSON is accepted as the same message.
    expect(parse(JSON.stringify(parsed.message))).toEqual(parsed);
  } else {
    expect(errorCodes).toContain(parsed.code);
    expect(parsed.error).toMatch(/\w/);
  }
}

describe.each(Object.keys(socketParsers))('the %s socket', (socket) => {
  const parse = socketParsers[socket]!;

  it('answers any text with the message or a refusal', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), anyValue.map((value) => JSON.stringify(value) ?? 'undefined')), (text) => {
      expectAnswer(parse(text), parse);
    }), { numRuns: 2000 });
  });

  it('answers every valid message changed in one place with the message or a refusal', () => {
    const messages = validMessages[socket]!;
    for (const message of messages) expect(parse(JSON.stringify(message)).ok, JSON.stringify(message)).toBe(true);
    fc.assert(fc.property(
      fc.constantFrom(...messages), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), anyValue, fc.boolean(),
      (message, path, value, remove) => {
        const text = JSON.stringify(mutate(message, path, value, remove));
        expectAnswer(parse(text), parse);
      },
    ), { numRuns: 3000 });
  });
});

// The HTTP bodies: each parser returns what it accepts or throws `Invalid`
// (a 400 with its message), never another error (a 500).
const bodyParsers = Object.entries(protocol).filter(([name, value]) =>
  typeof value === 'function' && /^parse/.test(name) &&
  !['parseAgentMessage', 'parseBoardMessage', 'parseConversationMessage', 'parseJson', 'parseSignal', 'parseIdentityClaims', 'parseReportQuery', 'parseContactsQuery'].includes(name),
) as [string, (body: unknown) => unknown][];

describe('HTTP bodies', () => {
  it('finds the body parsers', () => {
    expect(bodyParsers.map(([name]) => name)).toEqual(expect.arrayContaining(['parseCallRequest', 'parseSettingsChange', 'parseNewQueue', 'parseSurvey', 'parseQueueHours']));
  });

  it.each(bodyParsers)('%s refuses any body it cannot take with Invalid', (_name, parse) => {
    fc.assert(fc.property(anyValue, (body) => {
      try {
        parse(body);
      } catch (error) {
        expect(error).toBeInstanceOf(protocol.Invalid);
        expect((error as Error).message).toMatch(/\w/);
      }
    }), { numRuns: 500 });
  });

  it('refuses any identity claims it cannot take with Invalid', () => {
    fc.assert(fc.property(anyValue, (claims) => {
      try {
        protocol.parseIdentityClaims(claims, Date.now());
      } catch (error) {
        expect(error).toBeInstanceOf(protocol.Invalid);
      }
    }), { numRuns: 500 });
  });

  it.each([['parseReportQuery', protocol.parseReportQuery], ['parseContactsQuery', protocol.parseContactsQuery]] as const)('%s refuses any query it cannot take with Invalid', (_name, parse) => {
    fc.assert(fc.property(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('from', 'to', 'limit', 'before', 'queue', 'agent', 'q', 'cursor')), fc.oneof(fc.string(), fc.constantFrom('0', '-1', '1e309', 'NaN', '9007199254740993'))), (query) => {
      try {
        parse(query);
      } catch (error) {
        expect(error).toBeInstanceOf(protocol.Invalid);
      }
    }), { numRuns: 500 });
  });
});
