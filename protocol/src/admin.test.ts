import { describe, expect, it } from 'vitest';
import {
  parseAcceptInvite,
  parseAgentChange,
  parseAgentInvite,
  parseNewQueue,
  parseNewVisitorBlock,
  parseNewSavedReply,
  parseNewWidgetKey,
  parseOrigin,
  parseQueueChange,
  parseSavedReplyChange,
  parseSettingsChange,
} from './admin.ts';

describe('parseAgentInvite', () => {
  it('fills in role, skills and capacity, trims the name and lowercases the email', () => {
    expect(parseAgentInvite({ name: '  Ada ', email: ' Ada@Example.com ', extra: 1 })).toEqual({
      name: 'Ada', email: 'ada@example.com', role: 'agent', skills: [], capacity: 1,
    });
  });

  it('keeps each skill once', () => {
    expect(parseAgentInvite({ name: 'Ada', email: 'a@b.c', role: 'admin', skills: ['es', 'billing', 'es'], capacity: 3 })).toMatchObject({
      role: 'admin', skills: ['es', 'billing'], capacity: 3,
    });
  });

  it.each([
    ['no name', { email: 'a@b.c' }, 'name must be a string'],
    ['a blank name', { name: '   ', email: 'a@b.c' }, 'name must not be blank'],
    ['no email', { name: 'Ada' }, 'email must be a string'],
    ['an email without @', { name: 'Ada', email: 'ada.example.com' }, 'email must be an email address'],
    ['an email with a right-to-left override', { name: 'Ada', email: 'ada@\u202Emoc.elpmaxe' }, 'email must be on one line, without control characters'],
    ['an unknown role', { name: 'Ada', email: 'a@b.c', role: 'owner' }, 'role must be one of agent, supervisor, admin'],
    ['skills that are not a list', { name: 'Ada', email: 'a@b.c', skills: 'es' }, 'skills must be a list of at most 20 skill names'],
    ['a skill with capitals', { name: 'Ada', email: 'a@b.c', skills: ['es', 'Billing'] }, 'skill "Billing" must be lowercase letters, digits, - or _'],
    ['too many skills', { name: 'Ada', email: 'a@b.c', skills: Array.from({ length: 21 }, (_, i) => `s${i}`) }, 'skills must be a list of at most 20'],
    ['a capacity of 0', { name: 'Ada', email: 'a@b.c', capacity: 0 }, 'capacity must be an integer from 1 to 10'],
  ])('refuses %s', (_case, body, message) => {
    expect(() => parseAgentInvite(body)).toThrow(message);
  });
});

describe('parseAgentChange', () => {
  it('takes only the fields that are there', () => {
    expect(parseAgentChange({ capacity: 2, email: 'ignored@b.c' })).toEqual({ capacity: 2 });
  });

  it('refuses a change that changes nothing, naming what it could change', () => {
    expect(() => parseAgentChange({ email: 'x@y.z' })).toThrow('body must change at least one of name, role, skills, capacity');
  });
});

describe('parseAcceptInvite', () => {
  it('needs a password of at least 8 characters', () => {
    expect(parseAcceptInvite({ password: '12345678' })).toEqual({ password: '12345678' });
    expect(() => parseAcceptInvite({ password: 'short' })).toThrow('password must be at least 8 characters');
    expect(() => parseAcceptInvite({})).toThrow('password must be a string');
  });
});

describe('queues', () => {
  it('defaults a new queue to priority 0 and no skills', () => {
    expect(parseNewQueue({ id: 'vip', name: 'VIP' })).toEqual({ id: 'vip', name: 'VIP', priority: 0, skills: [] });
  });

  it('refuses a queue id that could not be named on a script tag, and priorities out of range', () => {
    expect(() => parseNewQueue({ id: 'V I P', name: 'VIP' })).toThrow('id must be lowercase letters, digits, - or _');
    expect(() => parseQueueChange({ priority: 101 })).toThrow('priority must be an integer from -100 to 100');
    expect(() => parseQueueChange({})).toThrow('body must change at least one of name, priority, skills');
  });
});

describe('parseOrigin', () => {
  it('returns the origin as a browser sends it', () => {
    expect(parseOrigin('https://Shop.Example/')).toBe('https://shop.example');
    expect(parseOrigin('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(parseOrigin('https://shop.example:443')).toBe('https://shop.example');
    expect(parseOrigin('https://Bücher.example')).toBe('https://xn--bcher-kva.example');
    expect(parseOrigin('http://[::1]:3000')).toBe('http://[::1]:3000');
    expect(parseOrigin('http://localhost:3000')).toBe('http://localhost:3000');
  });

  it.each(['https://a..b', 'https://-shop.example', 'https://shop-.example', `https://${'a'.repeat(64)}.example`, `https://${'abc.'.repeat(64)}example`])(
    'refuses %s, which names no host',
    (origin) => {
      expect(() => parseOrigin(origin)).toThrow(/names no host a page could be on$/);
    },
  );

  it.each(['shop.example', 'https://shop.example/help', 'https://shop.example?x=1', 'ftp://shop.example', 'javascript:alert(1)', 'https://user@shop.example'])(
    'refuses %s',
    (origin) => {
      expect(() => parseOrigin(origin)).toThrow('origin must be a page origin such as https://shop.example, without a path');
    },
  );
});

describe('parseNewWidgetKey', () => {
  it('needs a label', () => {
    expect(parseNewWidgetKey({ label: ' Main site ' })).toEqual({ label: 'Main site' });
    expect(() => parseNewWidgetKey({})).toThrow('label must be a string');
  });
});

describe('parseSettingsChange', () => {
  it('takes any of the settings, within bounds', () => {
    expect(parseSettingsChange({ relayOnly: true, wrapUpSeconds: 0 })).toEqual({ relayOnly: true, wrapUpSeconds: 0 });
    expect(parseSettingsChange({ maxFileBytes: 10 * 1024 * 1024 })).toEqual({ maxFileBytes: 10 * 1024 * 1024 });
    expect(parseSettingsChange({ recordCalls: true })).toEqual({ recordCalls: true });
  });

  it('takes null as back to the server\'s default, except for relay-only', () => {
    expect(parseSettingsChange({ ringTimeoutSeconds: null, wrapUpSeconds: 30 })).toEqual({ ringTimeoutSeconds: null, wrapUpSeconds: 30 });
    expect(() => parseSettingsChange({ relayOnly: null })).toThrow('relayOnly must be true or false');
  });

  it.each([
    [{ relayOnly: 'yes' }, 'relayOnly must be true or false'],
    [{ recordCalls: 1 }, 'recordCalls must be true or false'],
    [{ ringTimeoutSeconds: 2 }, 'ringTimeoutSeconds must be an integer from 5 to 300'],
    [{ wrapUpSeconds: 1.5 }, 'wrapUpSeconds must be an integer from 0 to 3600'],
    [{ maxFileBytes: 0 }, 'maxFileBytes must be an integer from 1 to 4294967296'],
    [{}, 'body must change at least one of relayOnly, recordCalls, wrapUpSeconds, ringTimeoutSeconds, maxFileBytes, keepContactsDays'],
  ])('refuses %j', (body, message) => {
    expect(() => parseSettingsChange(body)).toThrow(message);
  });
});

describe('parseNewVisitorBlock', () => {
  it('takes the days and a trimmed reason, which may be left out', () => {
    expect(parseNewVisitorBlock({ days: 7, reason: '  Abusive on video ' })).toEqual({ days: 7, reason: 'Abusive on video' });
    expect(parseNewVisitorBlock({ days: 365 })).toEqual({ days: 365, reason: '' });
  });

  it.each([
    ['no days', {}, 'days must be an integer from 1 to 365'],
    ['0 days', { days: 0 }, 'days must be an integer from 1 to 365'],
    ['more than a year', { days: 366 }, 'days must be an integer from 1 to 365'],
    ['part of a day', { days: 1.5 }, 'days must be an integer from 1 to 365'],
    ['a reason that is not text', { days: 1, reason: 3 }, 'reason must be a string'],
    ['a reason too long', { days: 1, reason: 'x'.repeat(101) }, 'reason must be at most 100 characters'],
    ['a reason of two lines', { days: 1, reason: 'Rude\n[09:07] Alex: fine' }, 'reason must be on one line, without control characters'],
  ])('refuses %s', (_case, body, message) => {
    expect(() => parseNewVisitorBlock(body)).toThrow(message);
  });
});

describe('names, titles and labels', () => {
  // Each shown on one line: a transcript's "[09:06] Ann: …", a CSV cell, a tab title, a notification.
  it.each([
    ['an invite', 'name', (text: string) => parseAgentInvite({ name: text, email: 'a@b.c' })],
    ['a change to an agent', 'name', (text: string) => parseAgentChange({ name: text })],
    ['a new queue', 'name', (text: string) => parseNewQueue({ id: 'vip', name: text })],
    ['a change to a queue', 'name', (text: string) => parseQueueChange({ name: text })],
    ['a new saved reply', 'title', (text: string) => parseNewSavedReply({ title: text, text: 'One moment, please.' })],
    ['a change to a saved reply', 'title', (text: string) => parseSavedReplyChange({ title: text })],
    ['a new widget key', 'label', (text: string) => parseNewWidgetKey({ label: text })],
  ])('%s refuses a %s with a line break or a control character in it, and takes one with them only at its ends', (_case, field, parse) => {
    for (const text of ['Ann\n[09:07] Support: refund approved', 'Ann\u2028Support', 'Ann \u202Etroppus', 'Ann\u0085']) {
      expect(() => parse(text)).toThrow(`${field} must be on one line, without control characters`);
    }
    expect(parse(' Ann\n')).toMatchObject({ [field]: 'Ann' });
  });
});
