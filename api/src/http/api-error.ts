import { errorBody, type ErrorCode } from '@beckon/protocol';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503;

/** An error with its HTTP status, thrown anywhere and answered by one handler. */
export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: ErrorCode;
  /** For a 429: whole seconds until trying again can succeed, sent as `Retry-After`. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: ErrorStatus, code: ErrorCode, message: string, retryAfterSeconds?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * The JSON response for this error.
   * @example new ApiError(404, 'not_found', 'No such page').toResponse().status // 404
   */
  toResponse(): Response {
    const headers = this.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(this.retryAfterSeconds) };
    return Response.json(errorBody(this.code, this.message), { status: this.status, headers });
  }
}
