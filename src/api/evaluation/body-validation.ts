/**
 * Reading and validation of the POST /evaluate body, bounded. A generic JSON-schema validator that reports
 * every error would check every row even of an array far above the row limit: a few hundred
 * kilobytes of empty objects would hold the serving thread for seconds and its memory for
 * gigabytes. This one checks the body's shape and the row count first, then the rows one by one,
 * and stops at MAX_VALIDATION_DETAILS errors. It speaks Ajv's error format, so the 422 body is
 * the same as on every other route.
 */
import type { FastifySchemaValidationError } from 'fastify';
import { Compile } from 'typebox/compile';
import { Settings } from 'typebox/system';
import { EvaluationRecord } from '../schemas.js';
import { HttpError } from '../http-error.js';
import { countContainers, parseJsonBody } from '../json-body.js';
import { MAX_VALIDATION_DETAILS, toValidationDetails, type ValidationDetail } from '../validation-errors.js';
import { type LabelledColumns, type LabelledRecord, toLabelledColumns } from './evaluator.js';
import { DEFAULT_PERIOD_NAME, MAX_PERIOD_NAME_LENGTH, MIN_ROWS } from './limits.js';

type ValidationError = FastifySchemaValidationError & { readonly data?: unknown };
type Body = Record<string, unknown>;

// TypeBox reports 8 problems of a value at most; a row has 13 fields, each of which may be wrong.
Settings.Set({ maxErrors: MAX_VALIDATION_DETAILS });
const record = Compile(EvaluationRecord);

/**
 * Objects and lists a body may hold per allowed row before it is refused unparsed. A batch needs
 * one per row (and two more); the margin lets a list somewhat above the limit, or rows with a few
 * nested extra fields, get the 422 that names the problem, while 5 MB of `{}` (1.6 million
 * objects, a hundred megabytes once parsed) is refused by a count.
 */
const CONTAINERS_PER_ROW = 25;

/** A raw /evaluate body read: the batch and its name, or the status and detail to answer. */
export type BodyReading =
  | { readonly batch: LabelledColumns; readonly periodName: string }
  | { readonly rejected: { readonly statusCode: number; readonly detail: string | readonly ValidationDetail[] } };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes, parses and validates a raw /evaluate body (run on an evaluation worker, so that the
 * half second JSON.parse takes on 5 MB never holds the thread that serves /predict), when
 * the fast path (body-columns.ts) could not read it: this one names the problem. A body that
 * would create far more objects than a batch has rows is refused before it is parsed: 5 MB of
 * `{},` would otherwise take a hundred megabytes of the worker's heap.
 */
export function readEvaluationBody(bytes: Uint8Array, maxRows: number): BodyReading {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { rejected: { statusCode: 400, detail: 'The request body is not valid UTF-8' } };
  }
  const maxContainers = CONTAINERS_PER_ROW * maxRows;
  if (countContainers(text) > maxContainers) {
    const detail = `The request body holds more than ${maxContainers} objects and lists: a batch is at most ${maxRows} rows of plain values`;
    return { rejected: { statusCode: 413, detail } };
  }
  let body: unknown;
  try {
    body = parseJsonBody(text);
  } catch (error) {
    if (error instanceof HttpError) return { rejected: { statusCode: error.statusCode, detail: error.message } };
    throw error;
  }
  const validated = evaluationBodyValidator(maxRows)(body);
  if ('error' in validated) return { rejected: { statusCode: 422, detail: toValidationDetails(validated.error, 'body') } };
  const { data, evaluation_period_name: periodName } = validated.value as { data: LabelledRecord[]; evaluation_period_name: string };
  return { batch: toLabelledColumns(data), periodName };
}

/** A validator for Fastify's `validatorCompiler`: the body with its default, or the errors. */
export function evaluationBodyValidator(maxRows: number): (body: unknown) => { value: Body } | { error: ValidationError[] } {
  return (body) => {
    const errors = shapeErrors(body, maxRows);
    if (errors.length === 0) errors.push(...rowErrors((body as Body).data as unknown[]));
    if (errors.length > 0) return { error: errors };
    const value = body as Body;
    return { value: { ...value, evaluation_period_name: value.evaluation_period_name ?? DEFAULT_PERIOD_NAME } };
  };
}

/** The body is an object with a `data` list of an allowed length and an optional string name. */
function shapeErrors(body: unknown, maxRows: number): ValidationError[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [error('type', '', { type: 'object' }, body)];
  const { data, evaluation_period_name: name } = body as Body;
  const errors: ValidationError[] = [];
  if (name !== undefined && typeof name !== 'string') errors.push(error('type', '/evaluation_period_name', { type: 'string' }, name));
  if (typeof name === 'string' && name.length > MAX_PERIOD_NAME_LENGTH) {
    errors.push(error('maxLength', '/evaluation_period_name', { limit: MAX_PERIOD_NAME_LENGTH }, name));
  }
  if (data === undefined) errors.push(error('required', '', { missingProperty: 'data' }, body));
  else if (!Array.isArray(data)) errors.push(error('type', '/data', { type: 'array' }, data));
  else if (data.length < MIN_ROWS) errors.push(error('minItems', '/data', { limit: MIN_ROWS }, data));
  else if (data.length > maxRows) errors.push(error('maxItems', '/data', { limit: maxRows }, data));
  return errors;
}

/** Every problem of the rows, in row order, until there are MAX_VALIDATION_DETAILS. */
function rowErrors(rows: readonly unknown[]): ValidationError[] {
  const errors: ValidationError[] = [];
  for (let i = 0; i < rows.length && errors.length < MAX_VALIDATION_DETAILS; i++) {
    const row = rows[i];
    if (record.Check(row)) continue;
    for (const problem of record.Errors(row)) {
      const path = `/data/${i}${problem.instancePath}`;
      // TypeBox lists the missing properties of an object in one error; Ajv, one error each.
      const missing = (problem.params as { requiredProperties?: string[] }).requiredProperties;
      if (problem.keyword === 'required' && missing) {
        errors.push(...missing.map((property) => error('required', path, { missingProperty: property }, row)));
      } else {
        errors.push(error(problem.keyword, path, problem.params, valueAt(row, problem.instancePath), problem.message));
      }
    }
  }
  return errors.slice(0, MAX_VALIDATION_DETAILS);
}

function error(keyword: string, instancePath: string, params: Record<string, unknown>, data: unknown, message?: string): ValidationError {
  return { keyword, instancePath, schemaPath: '', params, data, message };
}

/** The value at a JSON pointer inside `value` (rows are flat, but the pointer may be deeper). */
function valueAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const segment of pointer.split('/').slice(1)) {
    current = typeof current === 'object' && current !== null ? (current as Body)[segment] : undefined;
  }
  return current;
}
