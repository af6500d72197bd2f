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

/**
 * A request turned away because the service is at capacity (load shedding): a 503 with
 * Retry-After, counted apart from errors (api_shed_requests_total) so that it does not read as
 * the API being broken.
 */
export class ShedRequestError extends HttpError {}
