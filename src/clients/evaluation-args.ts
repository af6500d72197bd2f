/** The command line of run-evaluation. */
import { UsageError } from '../command-line.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, type ConnectionOptions, connectionOptions, numberOption, optionsHelp, parseCommandLine } from './cli.js';
import { isPeriodName, PERIOD_NAMES, type PeriodName } from './periods.js';

export interface EvaluationOptions extends ConnectionOptions {
  readonly periods: readonly PeriodName[];
  /** Bound on one POST /evaluate. */
  readonly timeoutMs: number;
  /** Print the API's answers as JSON instead of text. */
  readonly json: boolean;
}

export const EVALUATION_USAGE = `Usage: run-evaluation [options]

Sends the brief's February weeks to POST /evaluate, as the brief's run_evaluation.py does, and
prints for each the model's scores, the drift verdict and the drift of every feature.

${optionsHelp([
  ['--period NAME', `${PERIOD_NAMES.join(', ')} or all (default all)`],
  ['--timeout S', "seconds to wait for one evaluation (default 300, as the brief's client)"],
  ['--json', "print the API's answers as JSON, by week, instead of text"],
  ...CONNECTION_HELP,
])}

Exit status: 0 when every evaluation succeeded, 1 when the API is unreachable or answers an
error (its detail is printed), 2 for a bad command line.

The dataset comes from BIKE_SHARING_ZIP, else the cache in DATA_DIR (default .cache/data),
else a download from DATASET_URL, as for the API.`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  period: { type: 'string', default: 'all' },
  timeout: { type: 'string', default: '300' },
  json: { type: 'boolean', default: false },
} as const;

/** The options, or undefined when --help was asked for. */
export function parseEvaluationArgs(argv: readonly string[], env: Readonly<Partial<Record<string, string>>>): EvaluationOptions | undefined {
  const values = parseCommandLine(argv, OPTIONS);
  if (values.help) return undefined;
  return {
    ...connectionOptions(values, env),
    periods: periods(values.period),
    timeoutMs: numberOption('--timeout', values.timeout, { min: 1, max: 3600 }) * 1000,
    json: values.json,
  };
}

function periods(text: string): readonly PeriodName[] {
  if (text === 'all') return PERIOD_NAMES;
  if (isPeriodName(text)) return [text];
  throw new UsageError(`--period must be one of ${PERIOD_NAMES.join(', ')} or all, got "${text}"`);
}
