import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { CallView } from './components/CallView.tsx';
import { newConversation, type AgentConversation } from './stores/conversation-state.ts';

const caller = { visitor: 'Visitor 1', page: 'https://shop.example/help' };

function videoCall(changes: Partial<AgentConversation>): AgentConversation {
  return { ...newConversation({ offerId: 'o1', conversationId: 'c1', media: 'video', caller }, null), phase: 'live', ...changes };
}

// The labels of the video elements CallView draws (its children are not rendered, only described).
function videoLabels(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap(videoLabels);
  const { props } = node as VNode<{ label?: string; children?: unknown }>;
  return [...(typeof props?.label === 'string' ? [props.label] : []), ...videoLabels(props?.children)];
}

describe('call view', () => {
  it('draws the agent\'s own video only once the call is connected, so it does not slow the setup', () => {
    expect(videoLabels(CallView({ conversation: videoCall({ connection: 'new' }) }))).toEqual(['Visitor video']);
    expect(videoLabels(CallView({ conversation: videoCall({ connection: 'connecting' }) }))).toEqual(['Visitor video']);
    expect(videoLabels(CallView({ conversation: videoCall({ connection: 'connected' }) }))).toEqual(['Visitor video', 'Your video']);
  });

  it('keeps the agent\'s own video while the connection recovers', () => {
    expect(videoLabels(CallView({ conversation: videoCall({ connection: 'disconnected', reconnecting: true }) }))).toEqual(['Visitor video', 'Your video']);
  });

  it('draws no own video in a voice call', () => {
    expect(videoLabels(CallView({ conversation: videoCall({ media: 'audio', connection: 'connected' }) }))).toEqual(['Visitor video']);
  });
});
