/** Looking up a column of a dataset given as columns, with errors that name the column. */
import { MonitoringInputError } from './errors.js';
import type { DatasetSide } from './sample.js';
import type { ColumnValues, DatasetColumns } from './types.js';

export function columnValues(columns: DatasetColumns, column: string, side: DatasetSide): ColumnValues {
  const values = Object.hasOwn(columns, column) ? columns[column] : undefined;
  if (values === undefined) throw new MonitoringInputError(`Cannot find column '${column}' in ${side} dataset.`);
  return values;
}

/** The column as numbers (null or NaN where missing); throws if it holds a string. */
export function numericalValues(columns: DatasetColumns, column: string, side: DatasetSide): ArrayLike<number | null> {
  const values = columnValues(columns, column, side);
  if (!holdsNoString(values)) throw new MonitoringInputError(`Column '${column}' in ${side} dataset should contain numerical values only.`);
  return values;
}

function holdsNoString(values: ColumnValues): values is ArrayLike<number | null> {
  for (let i = 0; i < values.length; i++) if (typeof values[i] === 'string') return false;
  return true;
}
