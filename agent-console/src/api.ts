// The console's HTTP calls. The console is served by the API it talks to,
// so every URL is built on the page's own origin (see stores/api-base.ts).
import type { ContactsResponse, ErrorBody, NewVisitorBlock, RecordingsResponse, Report, SavedRepliesResponse, SignInResponse, TranscriptResponse, TransferTargets, VisitorBlockResponse, WebhookDeliveriesResponse } from '@beckon/protocol';

/** A non-2xx answer from the API, carrying the API's error code. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Makes one API request and reads its JSON answer (nothing for 204); a non-2xx answer throws an `ApiFailure`.
 * @example const { contacts } = await request<ContactsResponse>(`${apiBase}/v1/contacts`, { headers });
 */
export async function request<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (response.status === 204) return undefined as T;
  if (response.ok) return (await response.json()) as T;
  return failure(response);
}

async function failure(response: Response): Promise<never> {
  const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
  throw new ApiFailure(
    response.status,
    body?.error?.code ?? 'internal',
    body?.error?.message ?? `The server answered ${response.status}.`,
  );
}

/** The header of a JSON request body. */
export const json = { 'Content-Type': 'application/json' };

/**
 * Signs an agent in with email and password.
 * @example const session = await postSignIn('https://support.example', 'ada@example.com', 'secret');
 */
export function postSignIn(apiBase: string, email: string, password: string): Promise<SignInResponse> {
  return request(`${apiBase}/v1/auth/sign-in`, { method: 'POST', headers: json, body: JSON.stringify({ email, password }) });
}

/**
 * Trades a refresh token for a new session; the old refresh token stops working.
 * @example const next = await postRefresh('https://support.example', session.refreshToken);
 */
export function postRefresh(apiBase: string, refreshToken: string): Promise<SignInResponse> {
  return request(`${apiBase}/v1/auth/refresh`, { method: 'POST', headers: json, body: JSON.stringify({ refreshToken }) });
}

/**
 * Ends a session on the server: its refresh token stops working.
 * @example await postSignOut('https://support.example', session.refreshToken);
 */
export function postSignOut(apiBase: string, refreshToken: string): Promise<void> {
  return request(`${apiBase}/v1/auth/sign-out`, { method: 'POST', headers: json, body: JSON.stringify({ refreshToken }) });
}

/**
 * Lists a page of the tenant's contacts, newest first, as `query` asks (`limit`, `before`, `outcome`, `text`, `agent`).
 * @example const { contacts, next } = await getContacts('https://support.example', accessToken, { limit: '100', text: 'invoice' });
 */
export function getContacts(apiBase: string, accessToken: string, query: Record<string, string> = {}): Promise<ContactsResponse> {
  return request(`${apiBase}/v1/contacts?${new URLSearchParams(query)}`, { headers: { Authorization: `Bearer ${accessToken}` } });
}

/**
 * The chat of one contact, oldest message first.
 * @example const { messages } = await getTranscript('https://support.example', accessToken, 'c1');
 */
export function getTranscript(apiBase: string, accessToken: string, contactId: string): Promise<TranscriptResponse> {
  return request(`${apiBase}/v1/contacts/${encodeURIComponent(contactId)}/transcript`, { headers: { Authorization: `Bearer ${accessToken}` } });
}

/**
 * A contact's recordings, and one of them as a file (`audio/webm`).
 * @example const { recordings } = await getRecordings('https://support.example', accessToken, 'c1');
 */
export function getRecordings(apiBase: string, accessToken: string, contactId: string): Promise<RecordingsResponse> {
  return request(`${apiBase}/v1/contacts/${encodeURIComponent(contactId)}/recordings`, { headers: { Authorization: `Bearer ${accessToken}` } });
}

export async function getRecordingFile(apiBase: string, accessToken: string, contactId: string, segment: number): Promise<Blob> {
  const response = await fetch(`${apiBase}/v1/contacts/${encodeURIComponent(contactId)}/recordings/${segment}`, { headers: { Authorization: `Bearer ${accessToken}` } });
  return response.ok ? response.blob() : failure(response);
}

/**
 * The tenant's saved replies, by title.
 * @example const { savedReplies } = await getSavedReplies('https://support.example', accessToken);
 */
export function getSavedReplies(apiBase: string, accessToken: string): Promise<SavedRepliesResponse> {
  return request(`${apiBase}/v1/saved-replies`, { headers: { Authorization: `Bearer ${accessToken}` } });
}

/**
 * Blocks the visitor of a contact for some days.
 * @example const { block } = await postVisitorBlock('https://support.example', accessToken, contactId, { days: 7, reason: 'Abusive' });
 */
export function postVisitorBlock(apiBase: string, accessToken: string, contactId: string, block: NewVisitorBlock): Promise<VisitorBlockResponse> {
  return request(`${apiBase}/v1/contacts/${encodeURIComponent(contactId)}/block`, { method: 'POST', headers: { Authorization: `Bearer ${accessToken}`, ...json }, body: JSON.stringify(block) });
}

/**
 * Where a conversation can be handed on: queues, and the other agents with their status.
 * @example const { queues, agents } = await getTransferTargets('https://support.example', accessToken);
 */
export function getTransferTargets(apiBase: string, accessToken: string): Promise<TransferTargets> {
  return request(`${apiBase}/v1/transfer-targets`, { headers: { Authorization: `Bearer ${accessToken}` } });
}

/**
 * Lists the tenant's webhook deliveries, newest first.
 * @example const { deliveries } = await getWebhookDeliveries('https://support.example', accessToken);
 */
export function getWebhookDeliveries(apiBase: string, accessToken: string): Promise<WebhookDeliveriesResponse> {
  return request(`${apiBase}/v1/webhooks/deliveries`, { headers: { Authorization: `Bearer ${accessToken}` } });
}

/**
 * How the contacts begun from `from` until before `to` (ms since the epoch) went (supervisors).
 * @example const report = await getReport('https://support.example', accessToken, Date.now() - 86_400_000, Date.now());
 */
export function getReport(apiBase: string, accessToken: string, from: number, to: number): Promise<Report> {
  return request(`${apiBase}/v1/reports?from=${from}&to=${to}`, { headers: { Authorization: `Bearer ${accessToken}` } });
}
