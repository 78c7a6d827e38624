import { errorBody, type ErrorCode } from '@beckon/protocol';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503;

/** An error with its HTTP status, thrown anywhere and answered by one handler. */
export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: ErrorCode;
  /** Headers the answer carries besides its body, such as `Retry-After`. */
  readonly headers: Record<string, string>;

  constructor(status: ErrorStatus, code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  /**
   * The JSON response for this error.
   * @example new ApiError(404, 'not_found', 'No such page').toResponse().status // 404
   */
  toResponse(): Response {
    return Response.json(errorBody(this.code, this.message), { status: this.status, headers: this.headers });
  }
}
