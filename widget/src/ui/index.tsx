// widget-ui.js: the call UI, loaded by widget.js once the visitor shows intent.
import { browserDevices, joinConversation } from '@beckon/rtc';
import { render } from 'preact';
import type { Mount, WidgetCommand } from '../context.ts';
import { Panel } from './components/Panel.tsx';
import { hostEvents } from './host-events.ts';
import { provideServices } from './services.ts';
import { readRememberedCall, writeRememberedCall } from './remembered-call.ts';
import { hangUp, resumeCall, startCall } from './stores/call.ts';
import { closePanel, openPanel, togglePanel } from './stores/panel.ts';
import { css } from './styles.ts';

function handle(command: WidgetCommand): void {
  switch (command.name) {
    case 'open':
      return openPanel();
    case 'close':
      return closePanel();
    case 'toggle':
      return togglePanel();
    case 'startCall':
      openPanel();
      return void startCall(command.video ? 'video' : 'audio', { skipCheck: command.skipCheck, queue: command.queue });
    case 'hangUp':
      return hangUp();
  }
}

/**
 * Draws the support panel in the widget's shadow root and returns the command handler.
 * @example const handle = (await import(`${base}/widget-ui.js`)).mount({ base, key, root, emit, launcher }); handle({ name: 'open' });
 */
export const mount: Mount = ({ base, key, queue, root, emit, launcher }) => {
  provideServices({
    base,
    key,
    queue,
    page: () => location.href,
    captureMedia: (media) => navigator.mediaDevices.getUserMedia({ audio: true, video: media === 'video' }),
    emptyStream: () => new MediaStream(),
    devices: browserDevices,
    joinConversation,
    rememberedCall: () => readRememberedCall(sessionStorage, key),
    rememberCall: (call) => writeRememberedCall(sessionStorage, key, call),
  });
  hostEvents.on((event) => emit(event.name, event.detail as never));
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  root.append(style, container);
  render(<Panel launcher={launcher} />, container);
  // Back from a reload in the middle of a call: the panel opens on it again.
  if (resumeCall()) openPanel();
  return handle;
};
