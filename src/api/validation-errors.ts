/**
 * Turns JSON-schema validation errors into FastAPI's 422 body: one `detail` entry per problem,
 * `loc` naming the field (`["body", "data", 17, "hum"]`), `type` and `msg` in pydantic's words.
 */
import type { FastifySchemaValidationError } from 'fastify';

export interface ValidationDetail {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly input?: unknown;
}

/** Bounds the error body: a 10,000-row batch of bad rows must not produce a 10 MB answer. */
export const MAX_VALIDATION_DETAILS = 100;

/** Ajv reports non-finite JSON literals as these strings (see json-body.ts). */
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

/** Ajv, with `verbose`, adds the offending value. */
type VerboseError = FastifySchemaValidationError & { readonly data?: unknown };

export function toValidationDetails(errors: readonly VerboseError[], context: string): ValidationDetail[] {
  return errors.slice(0, MAX_VALIDATION_DETAILS).map((error) => detailOf(error, context));
}

function detailOf(error: VerboseError, context: string): ValidationDetail {
  const loc: (string | number)[] = [context, ...pathSegments(error.instancePath)];
  const { keyword, params, data } = error;
  const limit = String(params.limit);
  switch (keyword) {
    case 'required':
      return { type: 'missing', loc: [...loc, String(params.missingProperty)], msg: 'Field required' };
    case 'type':
      // Summarised: echoing a value nested thousands deep would overflow the serialiser's stack.
      return { ...typeError(String(params.type), data), loc, input: summarise(data) };
    case 'minimum':
      return { type: 'greater_than_equal', loc, msg: `Input should be greater than or equal to ${limit}`, input: data };
    case 'maximum':
      return { type: 'less_than_equal', loc, msg: `Input should be less than or equal to ${limit}`, input: data };
    case 'minItems':
      return { type: 'too_short', loc, msg: `List should have at least ${limit} items`, input: summarise(data) };
    case 'maxItems':
      return { type: 'too_long', loc, msg: `List should have at most ${limit} items`, input: summarise(data) };
    case 'maxLength':
      return { type: 'string_too_long', loc, msg: `String should have at most ${limit} characters`, input: summarise(data) };
    case 'format':
      return { type: 'date_parsing', loc, msg: 'Input should be a valid date in the format YYYY-MM-DD', input: data };
    default:
      return { type: keyword, loc, msg: error.message ?? 'Invalid input', input: summarise(data) };
  }
}

function typeError(expected: string, input: unknown): { type: string; msg: string } {
  // A literal beyond float64 (1e400) parses to Infinity: not finite, rather than fractional.
  const nonFinite = (typeof input === 'string' && NON_FINITE.has(input)) || (typeof input === 'number' && !Number.isFinite(input));
  if (nonFinite && (expected === 'number' || expected === 'integer')) {
    return { type: 'finite_number', msg: 'Input should be a finite number' };
  }
  switch (expected) {
    case 'number':
      return { type: 'float_type', msg: 'Input should be a valid number' };
    case 'integer':
      return typeof input === 'number'
        ? { type: 'int_from_float', msg: 'Input should be a valid integer, got a number with a fractional part' }
        : { type: 'int_type', msg: 'Input should be a valid integer' };
    case 'string':
      return { type: 'string_type', msg: 'Input should be a valid string' };
    case 'array':
      return { type: 'list_type', msg: 'Input should be a valid list' };
    case 'object':
      return { type: 'model_attributes_type', msg: 'Input should be a valid dictionary or object' };
    default:
      return { type: `${expected}_type`, msg: `Input should be of type ${expected}` };
  }
}

/** "/data/17/hum" → ["data", 17, "hum"] (JSON pointer, array indices as numbers). */
function pathSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** Large inputs (whole lists, objects) are described, not echoed back. */
function summarise(input: unknown): unknown {
  if (Array.isArray(input)) return `list of ${input.length} items`;
  if (typeof input === 'object' && input !== null) return 'object';
  return input;
}
