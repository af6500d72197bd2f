/**
 * JSON request bodies: parsed with secure-json-parse (Fastify's own parser, which rejects
 * prototype poisoning), with one addition. Python's `json.dumps` writes NaN and ±Infinity as
 * bare literals, which are not JSON; rather than a bare "invalid JSON", such a body is re-read
 * with those literals quoted, so that validation answers 422 naming each field ("Input should
 * be a finite number").
 */
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { HttpError } from './http-error.js';

/** A JSON string, or a bare NaN / Infinity / -Infinity outside strings. */
const STRING_OR_NON_FINITE = /"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)/g;

const SAFE = { protoAction: 'error', constructorAction: 'error' } as const;

export function quoteNonFiniteLiterals(json: string): string {
  return json.replace(STRING_OR_NON_FINITE, (match, literal: string | undefined) => (literal === undefined ? match : `"${literal}"`));
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new HttpError(400, 'The request body is empty; send a JSON document');
  try {
    return secureJson.parse(text, undefined, SAFE);
  } catch (error) {
    const quoted = quoteNonFiniteLiterals(text);
    if (quoted !== text) {
      try {
        return secureJson.parse(quoted, undefined, SAFE);
      } catch {
        // Not only non-finite literals: report the original error below.
      }
    }
    throw new HttpError(400, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** JSON is the only body the API reads: any other media type, text/plain included, gets 415. */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
