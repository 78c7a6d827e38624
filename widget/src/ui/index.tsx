// widget-ui.js: the support panel, loaded by widget.js once the visitor shows intent.
import { browserDevices, joinConversation } from '@beckon/rtc';
import { render } from 'preact';
import type { Mount, WidgetCommand } from '../context.ts';
import { adoptStyles } from '../shadow-styles.ts';
import { Panel } from './components/Panel.tsx';
import { hostEvents } from './host-events.ts';
import { readRememberedConversation, writeRememberedConversation } from './remembered-conversation.ts';
import { provideServices } from './services.ts';
import { hangUp, startCall } from './stores/call.ts';
import { chooseChatQueue } from './stores/chat.ts';
import { leaveIfSignedOut, resumeConversation } from './stores/conversation.ts';
import { $panelOpen, closePanel, notePageVisible, openPanel, togglePanel } from './stores/panel.ts';
import { identify } from './stores/session.ts';
import { css } from './styles.ts';
import { pageAddress } from './page-address.ts';

function handle(command: WidgetCommand): void {
  switch (command.name) {
    case 'open':
      return openPanel();
    case 'close':
      return closePanel();
    case 'toggle':
      return togglePanel();
    case 'startChat':
      chooseChatQueue(command.queue);
      return openPanel();
    case 'startCall':
      openPanel();
      return void startCall(command.video ? 'video' : 'audio', { skipCheck: command.skipCheck, queue: command.queue });
    case 'hangUp':
      return hangUp();
    case 'identify':
      identify(command.token);
      return leaveIfSignedOut();
  }
}

/**
 * Draws the support panel in the widget's shadow root and returns the command handler.
 * @example const handle = (await import(`${base}/widget-ui.js`)).mount({ base, key, root, emit, launcher }); handle({ name: 'open' });
 */
export const mount: Mount = ({ base, key, queue, identity, root, emit, launcher }) => {
  provideServices({
    base,
    key,
    queue,
    page: () => pageAddress(location.href),
    captureMedia: (media) => navigator.mediaDevices.getUserMedia({ audio: true, video: media === 'video' }),
    captureScreen: () => navigator.mediaDevices.getDisplayMedia({ video: true, audio: false }),
    devices: browserDevices,
    joinConversation,
    rememberedConversation: () => readRememberedConversation(() => localStorage, key),
    rememberConversation: (conversation) => writeRememberedConversation(() => localStorage, key, conversation),
  });
  hostEvents.on((event) => emit(event.name, event.detail as never));
  if (identity !== undefined) identify(identity);
  const visibility = () => notePageVisible(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', visibility);
  visibility();
  adoptStyles(root, css);
  // A page's own shortcuts (`/` to search) see keys from the shadow root as coming from
  // <beckon-widget>, not from a text field, and would take what the visitor types.
  for (const type of ['keydown', 'keypress', 'keyup']) {
    root.addEventListener(type, (event) => {
      if ((event.composedPath()[0] as Element).matches('input, textarea, select')) event.stopPropagation();
    });
  }
  // Escape on the support button while the panel is open closes it, as it does inside the panel.
  launcher.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !$panelOpen.get()) return;
    event.stopPropagation();
    closePanel();
  });
  const container = document.createElement('div');
  root.append(container);
  render(<Panel launcher={launcher} />, container);
  // Back in a conversation (a reload, another page or tab of the site): the panel opens on it.
  resumeConversation();
  return handle;
};
