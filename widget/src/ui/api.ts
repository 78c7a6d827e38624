// The HTTP calls the visitor makes: a session and a call, then everything goes
// over the conversation socket that @beckon/rtc opens, then the survey. When
// support cannot take the call: the queue's hours, a message or a callback.
import type {
  CallRequest,
  CallResponse,
  CallbackRequest,
  CallbackResponse,
  ErrorBody,
  MessageRequest,
  MessageResponse,
  QueueStatus,
  Survey,
  VisitorSessionRequest,
  VisitorSessionResponse,
} from '@beckon/protocol';
import type { WidgetErrorCode } from '../context.ts';

/** An API refusal (or no answer at all) as `{ code, message }`. */
export class ApiError extends Error {
  code: WidgetErrorCode;
  constructor(code: WidgetErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

// A POST with `body`, or a GET without.
async function request<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError('network_error', 'Support could not be reached.');
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok && json) return json as T;
  const error = (json as Partial<ErrorBody> | null)?.error;
  throw new ApiError(error?.code ?? 'internal', error?.message ?? `Support answered with status ${response.status}.`);
}

/**
 * Opens a visitor session for a widget key, as the customer the host site's identity token vouches for when there is one.
 * @example const { token } = await openVisitorSession('https://support.example', 'demo', null);
 */
export function openVisitorSession(base: string, key: string, identity: string | null): Promise<VisitorSessionResponse> {
  return request(base, '/v1/visitor/session', (identity ? { key, identity } : { key }) satisfies VisitorSessionRequest);
}

/**
 * Puts the visitor in the queue for a call.
 * @example const { conversationId, token, position } = await requestCall(base, visitorToken, { media: 'video', page: location.href });
 */
export function requestCall(base: string, visitorToken: string, call: CallRequest): Promise<CallResponse> {
  return request(base, '/v1/calls', call, visitorToken);
}

/**
 * Sends the visitor's survey of a call, with the call's conversation token.
 * @example await sendSurvey(base, conversationId, conversationToken, { rating: 5, comment: null });
 */
export function sendSurvey(base: string, conversationId: string, conversationToken: string, survey: Survey): Promise<{ survey: Survey }> {
  return request(base, `/v1/contacts/${encodeURIComponent(conversationId)}/survey`, survey, conversationToken);
}

/**
 * Whether a queue takes calls now, and when it opens next.
 * @example const { open, nextOpening } = await getQueueStatus(base, visitorToken, 'billing');
 */
export function getQueueStatus(base: string, visitorToken: string, queue: string): Promise<QueueStatus> {
  return request(base, `/v1/queues/${encodeURIComponent(queue)}/status`, undefined, visitorToken);
}

/**
 * Leaves a message for support, in place of the waiting call `conversationId` when given.
 * @example await sendMessage(base, visitorToken, { queue: 'support', page, media: 'audio', name, email, text });
 */
export function sendMessage(base: string, visitorToken: string, message: MessageRequest): Promise<MessageResponse> {
  return request(base, '/v1/messages', message, visitorToken);
}

/**
 * Asks to be called back, in place of the waiting call `conversationId` when given.
 * @example const { conversationId, token } = await requestCallback(base, visitorToken, { queue: 'support', page, media: 'audio', name, email: null });
 */
export function requestCallback(base: string, visitorToken: string, callback: CallbackRequest): Promise<CallbackResponse> {
  return request(base, '/v1/callbacks', callback, visitorToken);
}

/**
 * Reads any thrown value as an API error.
 * @example const { code, message } = asApiError(new TypeError('x')); // { code: 'internal', ... }
 */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('internal', String(error));
}
