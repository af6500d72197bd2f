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

const SAFE = { protoAction: 'error', constructorAction: 'error' } as const;

const NON_FINITE_LITERALS = ['-Infinity', 'Infinity', 'NaN'] as const;
/** Their first characters: '-', 'I', 'N' (most characters are ruled out by one comparison). */
const LITERAL_STARTS = new Set(NON_FINITE_LITERALS.map((literal) => literal.charCodeAt(0)));
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/**
 * The text with every bare NaN / Infinity / -Infinity outside strings quoted. One pass over the
 * text, each character read once: a pattern that retries every position of an unterminated
 * string would take quadratic time on a body full of escaped quotes.
 */
export function quoteNonFiniteLiterals(json: string): string {
  const parts: string[] = [];
  let copied = 0;
  for (let i = outsideStrings(json, 0); i < json.length; i = outsideStrings(json, Math.max(i + 1, copied))) {
    const code = json.charCodeAt(i);
    const literal = LITERAL_STARTS.has(code) ? NON_FINITE_LITERALS.find((candidate) => json.startsWith(candidate, i)) : undefined;
    if (literal === undefined) continue;
    parts.push(json.slice(copied, i), `"${literal}"`);
    copied = i + literal.length;
  }
  parts.push(json.slice(copied));
  return parts.join('');
}

/**
 * The objects and lists a JSON text would create, counted in one pass without parsing it: each
 * costs tens of bytes once parsed, so 5 MB of `{},` would take a hundred megabytes.
 */
export function countContainers(json: string): number {
  let count = 0;
  for (let i = outsideStrings(json, 0); i < json.length; i = outsideStrings(json, i + 1)) {
    const code = json.charCodeAt(i);
    if (code === OPEN_BRACE || code === OPEN_BRACKET) count++;
  }
  return count;
}

/** The first index from `i` that is not inside a string: each string's characters read once. */
function outsideStrings(json: string, i: number): number {
  while (json.charCodeAt(i) === QUOTE) i = afterString(json, i + 1);
  return i;
}

/** The index after the closing quote of the string whose content starts at `i` (or the end). */
function afterString(json: string, i: number): number {
  while (i < json.length) {
    const code = json.charCodeAt(i);
    if (code === QUOTE) return i + 1;
    i += code === BACKSLASH ? 2 : 1;
  }
  return i;
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
