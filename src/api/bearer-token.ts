/**
 * The optional bearer token of the write endpoints (POST /evaluate, POST /trigger-drift): set
 * API_TOKEN and only requests with `Authorization: Bearer <API_TOKEN>` may change the model
 * gauges. Unset (the default), the endpoints are open, as the brief's client expects.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestAsyncHookHandler } from 'fastify';
import { HttpError } from './http-error.js';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** An onRequest hook that refuses, with 401, a request without the token; none when no token. */
export function requireBearerToken(token: string | undefined): onRequestAsyncHookHandler | undefined {
  if (token === undefined) return undefined;
  const expected = digest(token);
  return async (request) => {
    const match = /^bearer +(\S+)$/i.exec(request.headers.authorization ?? '');
    // Digests of equal length, compared in constant time: the answer's timing reveals nothing.
    if (!match || !timingSafeEqual(digest(match[1]), expected)) {
      throw new HttpError(401, 'This endpoint requires the header "Authorization: Bearer <API_TOKEN>"', { 'www-authenticate': 'Bearer' });
    }
  };
}
