// The console's calls to the admin API (/v1/admin/…, see docs/admin.md) and
// to invite links, which need no sign-in.
import type { InviteDetails, SignInResponse } from '@beckon/protocol';
import { json, request } from './api.ts';

/**
 * One admin API call with the admin's access token; `path` is below `/v1/admin`.
 * @example const { agents } = await adminRequest<AgentsResponse>(apiBase, token, 'GET', '/agents');
 */
export function adminRequest<T>(apiBase: string, accessToken: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers = { Authorization: `Bearer ${accessToken}`, ...(body !== undefined && json) };
  return request(`${apiBase}/v1/admin${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
}

/**
 * Who an invite link is for, while it works.
 * @example const { name, email } = await getInvite('https://support.example', token);
 */
export function getInvite(apiBase: string, token: string): Promise<InviteDetails> {
  return request(`${apiBase}/v1/invites/${encodeURIComponent(token)}`, {});
}

/**
 * Sets the password from an invite link; answers a signed-in session.
 * @example const session = await postInviteAcceptance('https://support.example', token, 'correct horse');
 */
export function postInviteAcceptance(apiBase: string, token: string, password: string): Promise<SignInResponse> {
  return request(`${apiBase}/v1/invites/${encodeURIComponent(token)}`, { method: 'POST', headers: json, body: JSON.stringify({ password }) });
}
