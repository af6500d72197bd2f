/**
 * What the command-line clients share: the connection options, number checks, and how they run
 * (src/command-line.ts, with the failures whose message says what to do).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Command, runCommand, UsageError } from '../command-line.js';
import { ConfigError } from '../config.js';
import { DatasetError } from '../model/dataset.js';
import { ApiError, type RetryPolicy } from './api-client.js';

export const DEFAULT_API_URL = 'http://localhost:8080';

export interface ConnectionOptions {
  readonly apiUrl: string;
  readonly retry: RetryPolicy;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options every client accepts. */
export const CONNECTION_OPTIONS = {
  'api-url': { type: 'string' },
  attempts: { type: 'string', default: '3' },
  'retry-delay': { type: 'string', default: '2' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

/** One option of a --help text: its flags, and what it does. */
export type OptionHelp = readonly [flags: string, description: string];

/** The help of CONNECTION_OPTIONS, last in every client's list. */
export const CONNECTION_HELP: readonly OptionHelp[] = [
  ['--api-url URL', `the API (default: $API_URL, else ${DEFAULT_API_URL})`],
  ['--attempts N', 'tries to reach the API before giving up (default 3)'],
  ['--retry-delay S', 'seconds between those tries (default 2)'],
  ['--verbose', 'print the stack trace of an unexpected failure'],
  ['-h, --help', 'this help'],
];

/** The options of a --help text, one a line, every description starting in the same column. */
export function optionsHelp(options: readonly OptionHelp[]): string {
  const width = Math.max(...options.map(([flags]) => flags.length)) + 2;
  return options.map(([flags, description]) => `  ${flags.padEnd(width)}${description}`).join('\n');
}

/** node:util parseArgs, strict, with its errors as UsageError. */
export function parseCommandLine<T extends Options>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function connectionOptions(
  values: { readonly 'api-url'?: string | undefined; readonly attempts: string; readonly 'retry-delay': string },
  env: Readonly<Partial<Record<string, string>>>,
): ConnectionOptions {
  return {
    apiUrl: httpUrl('--api-url', values['api-url'] ?? (env.API_URL?.trim() || DEFAULT_API_URL), DEFAULT_API_URL),
    retry: {
      attempts: numberOption('--attempts', values.attempts, { min: 1, max: 100, integer: true }),
      delayMs: numberOption('--retry-delay', values['retry-delay'], { min: 0, max: 60 }) * 1000,
    },
  };
}

/** The http(s) URL given to `option`, without its trailing slash so that paths can be appended. */
export function httpUrl(option: string, text: string, example: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${option} must be a URL such as ${example}, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${option} must be http or https, got "${text}"`);
  return url.href.replace(/\/+$/, '');
}

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
}

/** A number option within [min, max]; a clear UsageError naming the option otherwise. */
export function numberOption(name: string, text: string, { min, max, integer = false }: NumberRange): number {
  const value = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(value) && (!integer || Number.isInteger(value)) && value >= min && value <= max;
  if (!valid) throw new UsageError(`${name} must be ${integer ? 'an integer' : 'a number'} in ${min}..${max}, got "${text}"`);
  return value;
}

/** Runs a client's `main` on the command line; see src/command-line.ts for exit codes and messages. */
export function runClient(program: string, main: Command['main']): void {
  runCommand({ program, main, expected: [ApiError, DatasetError, ConfigError] });
}

/** "  Label:   value" lines, values aligned after the longest label. */
export function alignedFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(...fields.map(([label]) => label.length)) + 2;
  return fields.map(([label, value]) => `  ${`${label}:`.padEnd(width)}${value}`).join('\n');
}
