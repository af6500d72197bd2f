/**
 * The drift tests by name, and Evidently's default choice of test for a column
 * (`_get_default_stattest`), from the cleaned reference size, the column type and the number
 * of distinct values over reference and current together.
 */
import { MonitoringInputError } from '../errors.js';
import { DRIFT_METHODS, type ColumnType, type DriftMethod } from '../types.js';
import { chiSquareTest } from './chisquare.js';
import { jensenShannonTest } from './jensenshannon.js';
import { ksTest } from './ks.js';
import { psiTest } from './psi.js';
import type { StatTest } from './stat-test.js';
import { wassersteinTest } from './wasserstein.js';
import { zTest } from './z.js';

export const STAT_TESTS: Readonly<Record<DriftMethod, StatTest>> = {
  ks: ksTest,
  chisquare: chiSquareTest,
  z: zTest,
  wasserstein: wassersteinTest,
  jensenshannon: jensenShannonTest,
  psi: psiTest,
};

/** Above this many reference values, distances replace p-value tests (large samples make tiny p-values). */
const SMALL_REFERENCE_SIZE = 1000;
/** Numerical columns with at most this many distinct values are tested like categories. */
const MAX_DISCRETE_NUMERICAL_VALUES = 5;
/** Columns with at most this many distinct values are tested as two proportions. */
const MAX_BINARY_VALUES = 2;

export function defaultStatTest(columnType: ColumnType, referenceSize: number, distinctValues: number): StatTest {
  if (referenceSize <= SMALL_REFERENCE_SIZE) {
    if (columnType === 'num' && distinctValues > MAX_DISCRETE_NUMERICAL_VALUES) return ksTest;
    return distinctValues > MAX_BINARY_VALUES ? chiSquareTest : zTest;
  }
  if (columnType === 'num' && distinctValues > MAX_DISCRETE_NUMERICAL_VALUES) return wassersteinTest;
  return jensenShannonTest;
}

/** The test a user asked for by name; it must accept the column's type, as in Evidently. */
export function requestedStatTest(method: string, column: string, columnType: ColumnType): StatTest {
  if (!isDriftMethod(method)) {
    throw new MonitoringInputError(`Unknown drift method '${method}' for column '${column}'; use one of ${DRIFT_METHODS.join(', ')}.`);
  }
  const test = STAT_TESTS[method];
  if (!test.columnTypes.includes(columnType)) {
    throw new MonitoringInputError(
      `Drift method '${method}' does not apply to column '${column}' of type '${columnType}'; ` +
        `it accepts ${test.columnTypes.join(', ')} columns.`,
    );
  }
  return test;
}

function isDriftMethod(method: string): method is DriftMethod {
  return (DRIFT_METHODS as readonly string[]).includes(method);
}
