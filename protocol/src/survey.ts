// The visitor's post-call survey and the tenant's webhook delivery log (see docs/protocol.md, docs/webhooks.md).
import { Invalid, integer, object, string } from './check.ts';

export const maxSurveyCommentChars = 1000;

/** How the visitor rated a call: 1 (bad) to 5 (great), with an optional comment (null when none). */
export interface Survey { rating: number; comment: string | null }

/**
 * Validates a survey body; a blank comment counts as none.
 * @example parseSurvey({ rating: 4, comment: 'Quick and friendly' }) // { rating: 4, comment: 'Quick and friendly' }
 */
export function parseSurvey(body: unknown): Survey {
  const o = object(body, 'body');
  const rating = integer(o.rating, 'rating', 1, 5);
  if (o.comment === undefined || o.comment === null) return { rating, comment: null };
  const comment = string(o.comment, 'comment', maxSurveyCommentChars, 0).trim();
  return { rating, comment: comment || null };
}

export const webhookEvents = ['contact.created', 'contact.ended', 'contact.wrapped-up', 'survey.submitted', 'contact.deleted'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** `pending` while attempts are left, then `delivered` (a 2xx answer) or `failed`. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event sent (or being sent) to one webhook endpoint. */
export interface WebhookDelivery {
  id: string;
  event: WebhookEvent;
  url: string;
  status: DeliveryStatus;
  attempts: number;
  /** The HTTP status of the last attempt; null before the first or when no answer came. */
  responseCode: number | null;
  /** Why the last attempt failed without an answer (a timeout, a refused connection). */
  error: string | null;
  createdAt: number;
  lastAttemptAt: number | null;
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: number | null;
}
export interface WebhookDeliveriesResponse { deliveries: WebhookDelivery[] }
