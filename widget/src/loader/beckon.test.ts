import { describe, expect, it, vi } from 'vitest';
import type { WidgetCommand } from '../context.ts';
import { createCommandQueue, createHostEvents } from './beckon.ts';

function setUp() {
  const events = createHostEvents();
  const errors: unknown[] = [];
  events.on('error', (detail: unknown) => void errors.push(detail));
  const wake = vi.fn();
  const queue = createCommandQueue(events, wake);
  const handled: WidgetCommand[] = [];
  return { events, errors, wake, queue, handled, handler: (command: WidgetCommand) => void handled.push(command) };
}

describe('window.Beckon', () => {
  it('replays the stub queue and later commands in order once the call UI is handed over', () => {
    const { queue, handled, handler, wake, events } = setUp();
    const positions: unknown[] = [];
    const stubQueue = [['on', 'call:queued', (detail: unknown) => positions.push(detail)], ['open'], ['startCall', { video: true }]];
    for (const args of stubQueue) queue.beckon(...args);
    queue.beckon('hangUp');
    expect(handled).toEqual([]);
    expect(wake).toHaveBeenCalled();

    queue.handOver(handler);
    queue.beckon('close');
    expect(handled).toEqual([{ name: 'open' }, { name: 'startCall', video: true, skipCheck: false }, { name: 'hangUp' }, { name: 'close' }]);

    events.emit('call:queued', { position: 2, estimatedWaitSeconds: 60 });
    expect(positions).toEqual([{ position: 2, estimatedWaitSeconds: 60 }]);
  });

  it('lets host pages listen before the UI loads, and stop listening', () => {
    const { queue, events } = setUp();
    const ended = vi.fn();
    const off = queue.beckon('on', 'call:ended', ended);
    events.emit('call:ended', { reason: 'hangup' });
    off?.();
    events.emit('call:ended', { reason: 'hangup' });
    expect(ended).toHaveBeenCalledTimes(1);
    expect(ended).toHaveBeenCalledWith({ reason: 'hangup' });
  });

  it('refuses bad commands with a bad_request error instead of throwing', () => {
    const { queue, errors, handled, handler } = setUp();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    queue.handOver(handler);
    const bad = [[], ['dance'], ['toggle'], ['startCall', { video: 'yes' }], ['startCall', 'video'], ['startCall', { video: true, skipCheck: 1 }], ['startCall', null], ['startCall', { queue: 'Billing Team' }], ['startCall', { queue: 7 }], ['on', 'call:nope', () => {}], ['on', 'error']];
    for (const args of bad) expect(() => queue.beckon(...args)).not.toThrow();
    expect(errors).toHaveLength(bad.length);
    expect(errors.every((error) => (error as { code: string }).code === 'bad_request')).toBe(true);
    expect(handled).toEqual([]);
  });

  it('reads startCall options: without options an audio call, with the device check unless skipCheck', () => {
    const { queue, handled, handler } = setUp();
    queue.handOver(handler);
    queue.beckon('startCall');
    queue.beckon('startCall', { video: false });
    queue.beckon('startCall', {});
    queue.beckon('startCall', { video: true, skipCheck: true });
    queue.beckon('startCall', { skipCheck: false });
    expect(handled).toEqual([
      { name: 'startCall', video: false, skipCheck: false },
      { name: 'startCall', video: false, skipCheck: false },
      { name: 'startCall', video: false, skipCheck: false },
      { name: 'startCall', video: true, skipCheck: true },
      { name: 'startCall', video: false, skipCheck: false },
    ]);
  });

  it('reads startChat: opens the chat, in the queue it names', () => {
    const { queue, handled, handler, errors } = setUp();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    queue.handOver(handler);
    queue.beckon('startChat');
    queue.beckon('startChat', { queue: 'billing' });
    queue.beckon('startChat', { video: true });
    queue.beckon('startChat', { queue: 'Billing Team' });
    expect(handled).toEqual([{ name: 'startChat' }, { name: 'startChat', queue: 'billing' }]);
    expect(errors).toEqual([
      { code: 'bad_request', message: 'startChat has no option video: startChat takes { queue: "a-queue-id" }' },
      { code: 'bad_request', message: 'startChat takes { queue: "a-queue-id" }' },
    ]);
  });

  it('lets host pages hear chat messages and escalations', () => {
    const { queue, events } = setUp();
    const heard: unknown[] = [];
    queue.beckon('on', 'chat:message', (detail: unknown) => heard.push(detail));
    queue.beckon('on', 'call:escalated', (detail: unknown) => heard.push(detail));
    events.emit('chat:message', { from: 'agent', text: 'Hello' });
    events.emit('call:escalated', { media: 'video' });
    expect(heard).toEqual([{ from: 'agent', text: 'Hello' }, { media: 'video' }]);
  });

  it('refuses a misspelt option instead of starting another call than the page asked for', () => {
    const { queue, handled, handler, errors } = setUp();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    queue.handOver(handler);
    queue.beckon('startCall', { vidoe: true });
    queue.beckon('startChat', { queue: 'billing', skipcheck: true });
    expect(handled).toEqual([]);
    expect(errors).toEqual([
      { code: 'bad_request', message: 'startCall has no option vidoe: startCall takes { video: true | false, skipCheck: true | false, queue: "a-queue-id" }' },
      { code: 'bad_request', message: 'startChat has no option skipcheck: startChat takes { queue: "a-queue-id" }' },
    ]);
  });

  it("hands the host site's identity token, as it is, to the call UI, which checks it", () => {
    const { queue, handled, handler, errors } = setUp();
    queue.handOver(handler);
    queue.beckon('identify', 'eyJhbGciOiJIUzI1NiJ9.e30.sig');
    queue.beckon('identify', null);
    expect(handled).toEqual([{ name: 'identify', token: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' }, { name: 'identify', token: null }]);
    expect(errors).toEqual([]);
  });

  it('passes the queue a call asks for', () => {
    const { queue, handled, handler } = setUp();
    queue.handOver(handler);
    queue.beckon('startCall', { video: true, queue: 'billing' });
    expect(handled).toEqual([{ name: 'startCall', video: true, skipCheck: false, queue: 'billing' }]);
  });

  it('keeps a failing call UI or host listener from breaking the host page or other listeners', () => {
    const { queue, events, errors } = setUp();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const second = vi.fn();
    queue.beckon('on', 'call:connected', () => {
      throw new Error('host bug');
    });
    queue.beckon('on', 'call:connected', second);
    expect(() => events.emit('call:connected', {})).not.toThrow();
    expect(second).toHaveBeenCalled();

    queue.handOver(() => {
      throw new Error('ui bug');
    });
    expect(() => queue.beckon('open')).not.toThrow();
    expect(errors).toEqual([{ code: 'internal', message: 'Error: ui bug' }]);
  });
});
