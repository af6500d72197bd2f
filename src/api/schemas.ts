/**
 * Request and response schemas (TypeBox → JSON Schema): the validation of every request, the
 * static types of the handlers and the OpenAPI document at /docs come from these definitions.
 */
import { type Static, Type } from 'typebox';
import { DEFAULT_PERIOD_NAME, MAX_PERIOD_NAME_LENGTH, MAX_RENTALS_PER_HOUR, MIN_ROWS } from './evaluation/limits.js';

/** A weather value that the dataset normalises to [0, 1]. */
const normalised = (description: string, example: number) =>
  Type.Number({ minimum: 0, maximum: 1, description: `${description}, normalised to [0, 1]`, examples: [example] });

const integerIn = (minimum: number, maximum: number, description: string, example: number) =>
  Type.Integer({ minimum, maximum, description, examples: [example] });

/** The brief's `BikeSharingInput`: the 11 model features and the date of the hour. */
export const BikeSharingInput = Type.Object(
  {
    temp: normalised('Temperature in Celsius (t / 41)', 0.24),
    atemp: normalised('Feeling temperature in Celsius (t / 50)', 0.2879),
    hum: normalised('Relative humidity (h / 100)', 0.81),
    windspeed: normalised('Wind speed (w / 67)', 0),
    mnth: integerIn(1, 12, 'Month (1 = January)', 1),
    hr: integerIn(0, 23, 'Hour of the day', 0),
    weekday: integerIn(0, 6, 'Day of the week (0 = Sunday)', 6),
    season: integerIn(1, 4, 'Season (1 = winter, 2 = spring, 3 = summer, 4 = fall)', 1),
    holiday: integerIn(0, 1, '1 if the day is a holiday', 0),
    workingday: integerIn(0, 1, '1 if the day is neither a weekend nor a holiday', 0),
    weathersit: integerIn(1, 4, 'Weather (1 = clear ... 4 = heavy rain, snow)', 1),
    dteday: Type.String({ format: 'date', description: 'Date of the record in YYYY-MM-DD format.', examples: ['2011-01-01'] }),
  },
  { description: 'Features of one hour. Unknown extra fields are ignored.' },
);
export type BikeSharingInput = Static<typeof BikeSharingInput>;

/** One hour of the "current" batch: the features, its date, and the true rentals. */
export const EvaluationRecord = Type.Object(
  {
    ...BikeSharingInput.properties,
    cnt: integerIn(0, MAX_RENTALS_PER_HOUR, 'True number of rentals in the hour (the target)', 16),
  },
  { description: 'One labelled hour. Unknown extra fields are ignored.' },
);

/** The body of POST /evaluate, exactly as the brief's run_evaluation.py sends it. */
export const evaluationData = (maxRows: number) =>
  Type.Object({
    data: Type.Array(EvaluationRecord, {
      minItems: MIN_ROWS,
      maxItems: maxRows,
      description: `The labelled hours to evaluate, ${MIN_ROWS} to ${maxRows}.`,
    }),
    evaluation_period_name: Type.Optional(
      Type.String({
        default: DEFAULT_PERIOD_NAME,
        maxLength: MAX_PERIOD_NAME_LENGTH,
        description: "Name of the period being evaluated (e.g. 'week1_february').",
      }),
    ),
  });

const nullableNumber = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

export const ColumnDriftOutput = Type.Object({
  column: Type.String(),
  type: Type.Union([Type.Literal('num'), Type.Literal('cat')]),
  test: Type.String({ description: "Evidently's test, e.g. 'ks' (K-S p_value)" }),
  score: nullableNumber('p-value or distance, depending on the test'),
  threshold: Type.Number(),
  drifted: Type.Boolean(),
});

/** The brief's EvaluationReportOutput, plus the details of the report. */
export const EvaluationReportOutput = Type.Object({
  message: Type.String(),
  rmse: nullableNumber('Root mean squared error, in rentals'),
  mape: nullableNumber('Mean absolute percentage error, in percent'),
  mae: nullableNumber('Mean absolute error, in rentals'),
  r2score: nullableNumber('Coefficient of determination'),
  drift_detected: Type.Union([Type.Literal(0), Type.Literal(1)], { description: '1 when at least drift_share of the features drifted' }),
  evaluated_items: Type.Integer(),
  evaluation_period_name: Type.String(),
  drift_share: Type.Number({ description: 'Share of the 11 features that drifted' }),
  drifted_columns_count: Type.Integer(),
  mean_error: nullableNumber('Mean of prediction - target'),
  abs_max_error: nullableNumber('Largest absolute error'),
  columns: Type.Array(ColumnDriftOutput, { description: 'Drift of each feature' }),
  target_drift: ColumnDriftOutput,
  prediction_drift: ColumnDriftOutput,
});
export type EvaluationReportOutput = Static<typeof EvaluationReportOutput>;

export const PredictionOutput = Type.Object({
  predicted_count: Type.Number({ description: 'Predicted rentals in the hour', examples: [16] }),
});
export type PredictionOutput = Static<typeof PredictionOutput>;

/** FastAPI's validation error body: one entry per problem, `loc` naming the field. */
export const ValidationErrorOutput = Type.Object({
  detail: Type.Array(
    Type.Object({
      type: Type.String(),
      loc: Type.Array(Type.Union([Type.String(), Type.Integer()])),
      msg: Type.String(),
      input: Type.Optional(Type.Unknown()),
    }),
  ),
});
export type ValidationErrorOutput = Static<typeof ValidationErrorOutput>;

/** FastAPI's body for every other error. */
export const ErrorOutput = Type.Object({ detail: Type.String() });
export type ErrorOutput = Static<typeof ErrorOutput>;
