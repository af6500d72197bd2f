/**
 * The little HTTP the command-line clients need: wait (bounded) until the API answers, and POST
 * a JSON body, turning every failure into one message a user can act on.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** The API is unreachable or answered an error; the message says which, for the user. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
}

export interface RetryPolicy {
  readonly attempts: number;
  readonly delayMs: number;
}

const PROBE_PATH = '/health';
const PROBE_TIMEOUT_MS = 5_000;

/**
 * Resolves once `apiUrl` answers HTTP at all (any status: an API without /health is still
 * reachable), trying `attempts` times `delayMs` apart; throws ApiError otherwise.
 */
export async function waitForApi(apiUrl: string, retry: RetryPolicy): Promise<void> {
  let lastProblem = '';
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    if (attempt > 1) await sleep(retry.delayMs);
    try {
      const response = await fetch(`${apiUrl}${PROBE_PATH}`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      await response.body?.cancel();
      return;
    } catch (error) {
      lastProblem = networkProblem(error);
    }
  }
  const tries = retry.attempts === 1 ? '1 attempt' : `${retry.attempts} attempts`;
  throw new ApiError(`cannot reach the API at ${apiUrl} (${lastProblem}, ${tries}). Is bike-api running? Set --api-url or API_URL.`);
}

/**
 * The bearer token of the write endpoints, sent when API_TOKEN is set (bike-api then requires it:
 * src/api/bearer-token.ts); no header otherwise.
 */
export function authorization(env: Readonly<Partial<Record<string, string>>> = process.env): Record<string, string> {
  const token = env.API_TOKEN?.trim();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Tries of a POST that bike-api sheds (503 + Retry-After: evaluations at capacity). */
const SHED_ATTEMPTS = 5;
/** Longest Retry-After honoured, in seconds. */
const MAX_RETRY_AFTER_SECONDS = 30;

/**
 * POSTs `json` and returns the parsed answer; throws ApiError on a network failure or an error
 * status. A 503 with Retry-After (load shedding) is retried after that many seconds, a few times.
 */
export async function postJson(url: string, json: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  let text: string;
  for (let attempt = 1; ; attempt++) {
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization() },
        body: json,
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new ApiError(`POST ${url} failed: ${networkProblem(error)}`);
    }
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    if (response.status !== 503 || !(retryAfter >= 0) || attempt === SHED_ATTEMPTS) break;
    await sleep(Math.min(retryAfter, MAX_RETRY_AFTER_SECONDS) * 1000);
  }
  const body = parseJson(text);
  if (!response.ok) throw new ApiError(`POST ${url} answered ${response.status}: ${describeDetail(body, text)}`);
  if (body === undefined) throw new ApiError(`POST ${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  return body;
}

/** The code of a failed fetch (ECONNREFUSED, ENOTFOUND, timeout ...), for messages and counts. */
export function networkProblem(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timeout';
    const cause: unknown = error.cause;
    if (cause instanceof Error) return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
    return error.message;
  }
  return String(error);
}

/** An error body in words: FastAPI's `detail`, a string or a list of {loc, msg}, at most 5 of them. */
export function describeDetail(body: unknown, text: string): string {
  const detail = isObject(body) ? body.detail : undefined;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const shown = detail.slice(0, 5).map((entry: unknown) => {
      if (!isObject(entry)) return JSON.stringify(entry);
      const loc = Array.isArray(entry.loc) ? entry.loc.join('.') : '?';
      return `${loc}: ${typeof entry.msg === 'string' ? entry.msg : JSON.stringify(entry.msg)}`;
    });
    const more = detail.length > shown.length ? `; and ${detail.length - shown.length} more` : '';
    return shown.join('; ') + more;
  }
  return text.slice(0, 200) || '(empty body)';
}

export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The string at a field of a JSON answer, or '' when it is not one. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** `text` parsed as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
