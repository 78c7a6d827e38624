// Test helpers: the demo tenant's API over real HTTP and WebSockets.
import { expect } from 'vitest';
import { openSocket, postJson } from './clients.ts';

/**
 * The demo tenant's API on one host, as a visitor's page and an agent's console use it.
 * @example const { signIn, startCall } = demoApi(() => host, password); await startCall(await visitorSession());
 */
export function demoApi(host: () => { origin: string }, password: string) {
  const signIn = async (email = 'agent@demo.test') => {
    const { status, body } = await postJson(`${host().origin}/v1/auth/sign-in`, { email, password });
    expect(status).toBe(200);
    return body as { accessToken: string; refreshToken: string; agent: { id: string; name: string } };
  };
  const visitorSession = async (origin = host().origin) => {
    const { status, body } = await postJson(`${host().origin}/v1/visitor/session`, { key: 'demo' }, { Origin: origin });
    expect(status).toBe(200);
    return body.token as string;
  };
  const startCall = async (token: string, origin = host().origin, queue?: string, media = 'video') => {
    const call = { media, page: 'http://shop.test/help', ...(queue && { queue }) };
    const { status, body } = await postJson(`${host().origin}/v1/calls`, call, { Origin: origin, Authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    return body as { conversationId: string; token: string; position: number };
  };
  const ws = () => host().origin.replace('http', 'ws');
  // An agent starting work: signed in, console connected, Available (whatever an earlier test left).
  const connectAgent = async (email?: string) => {
    const session = await signIn(email);
    const socket = await openSocket(`${ws()}/v1/agent/ws`, session.accessToken);
    const greeting = await socket.next<{ type: 'presence'; status: string }>('presence');
    if (greeting.status === 'away') {
      socket.send({ type: 'presence', status: 'available' });
      await socket.next('presence');
    }
    // Still recording an earlier test's call: finish that first (the server says so right after the greeting).
    const wrapUp = await socket.next('wrap-up', 100).catch(() => null);
    if (wrapUp) {
      socket.send({ type: 'wrap-up', contactId: wrapUp.contactId, disposition: 'other', notes: '' });
      await socket.next('wrap-up-ended');
    }
    return { session, socket };
  };
  const joinConversation = (conversationId: string, token: string, since?: number) =>
    openSocket(`${ws()}/v1/conversations/${conversationId}/ws${since === undefined ? '' : `?since=${since}`}`, token);
  const contacts = async (accessToken: string) => {
    const response = await fetch(`${host().origin}/v1/contacts`, { headers: { Authorization: `Bearer ${accessToken}` } });
    return (await response.json()).contacts as { id: string; outcome: string; agent: { name: string } | null; endedAt: number | null; durationSeconds: number; quality?: unknown; wrapUp: unknown; survey?: unknown; message?: unknown; callback?: unknown; hold?: { times: number; seconds: number }; recorded?: true }[];
  };
  const startChat = (token: string) => startCall(token, host().origin, undefined, 'chat');
  return { signIn, visitorSession, startCall, startChat, connectAgent, joinConversation, contacts };
}
