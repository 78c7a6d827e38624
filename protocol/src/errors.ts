/** Every error code the API and the sockets can answer with. */
export const errorCodes = [
  'bad_request',
  'body_too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  'unknown_widget_key',
  'unknown_queue',
  'origin_not_allowed',
  'invalid_credentials',
  'invalid_identity',
  'invalid_message',
  'message_too_large',
  'conflict',
  'too_many_attempts',
  'rate_limited',
  'backlog_full',
  'visitor_blocked',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** The one JSON shape of every API error. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/**
 * Builds the JSON body of an error.
 * @example errorBody('not_found', 'No such conversation') // { error: { code: 'not_found', ... } }
 */
export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}
