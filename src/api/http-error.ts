import type { ValidationDetail } from './validation-errors.js';

/** An error with the HTTP status it should be answered with, its `detail` and extra headers. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly statusCode: number,
    readonly detail: string | readonly ValidationDetail[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(typeof detail === 'string' ? detail : `${detail.length} problems in the request body`);
  }
}
