/** An error with the HTTP status it should be answered with; its message becomes `detail`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly statusCode: number,
    message: string,
    /** Sent as Retry-After: when a 503 is worth retrying, and how soon. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
