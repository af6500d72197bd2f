/**
 * The requests of the traffic generator: real rows of the chosen period sent to POST /predict,
 * and, for a chosen share, requests the API must refuse, each with the status it must answer.
 * The draw is seeded, so a run is reproducible.
 */
import type { HourRecord } from '../model/dataset.js';
import { Prng } from '../model/prng.js';
import { predictRecord } from './payload.js';

export interface PlannedRequest {
  readonly kind: RequestKind;
  readonly method: 'GET' | 'POST';
  /** JSON text, for POST. */
  readonly body?: string;
  /** What a correct API answers. */
  readonly expectedStatus: number;
}

/** How each invalid request is made from a valid record, and what the API must answer. */
const INVALID_REQUESTS = {
  /** hr is 0..23: FastAPI's less_than_equal. */
  'hour-out-of-range': { status: 422, make: (record: Record<string, unknown>) => ({ ...record, hr: 24 }) },
  /** No coercion of "0.24" to a number: float_type. */
  'number-as-string': { status: 422, make: (record: Record<string, unknown>) => ({ ...record, temp: String(record.temp) }) },
  /** No hum: missing. */
  'missing-field': { status: 422, make: (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'hum')) },
  /** GET /predict: 405 Method Not Allowed (no body). */
  'wrong-method': { status: 405, make: undefined },
} as const;

export type InvalidKind = keyof typeof INVALID_REQUESTS;
export type RequestKind = 'valid' | InvalidKind;
export const INVALID_KINDS = Object.keys(INVALID_REQUESTS) as InvalidKind[];

/** An endless, seeded source of requests; `invalidShare` of them (on average) are invalid. */
export function requestSource(rows: readonly HourRecord[], invalidShare: number, seed: number): () => PlannedRequest {
  if (rows.length === 0) throw new RangeError('no rows to send');
  const prng = new Prng(seed);
  const uniform = (): number => prng.nextUint32() / 0x1_0000_0000;
  return () => {
    const record: Record<string, unknown> = { ...predictRecord(rows[prng.nextInt(rows.length)]) };
    if (uniform() >= invalidShare) return { kind: 'valid', method: 'POST', body: JSON.stringify(record), expectedStatus: 200 };
    const kind = INVALID_KINDS[prng.nextInt(INVALID_KINDS.length)];
    const { status, make } = INVALID_REQUESTS[kind];
    if (make === undefined) return { kind, method: 'GET', expectedStatus: status };
    return { kind, method: 'POST', body: JSON.stringify(make(record)), expectedStatus: status };
  };
}
