/**
 * The model's inputs and output, in the brief's order. The order is part of the trained
 * artefact: a model trained on another order is rejected at load time.
 */
export const NUMERICAL_FEATURES = ['temp', 'atemp', 'hum', 'windspeed', 'mnth', 'hr', 'weekday'] as const;
export const CATEGORICAL_FEATURES = ['season', 'holiday', 'workingday', 'weathersit'] as const;
export const FEATURES = [...NUMERICAL_FEATURES, ...CATEGORICAL_FEATURES] as const;
export const TARGET = 'cnt';

export type NumericalFeature = (typeof NUMERICAL_FEATURES)[number];
export type CategoricalFeature = (typeof CATEGORICAL_FEATURES)[number];
export type FeatureName = (typeof FEATURES)[number];

/** One observation's features, as the API receives them and the dataset holds them. */
export type Features = Readonly<Record<FeatureName, number>>;

export const FEATURE_COUNT = FEATURES.length;

/**
 * Packs rows into one row-major float32 matrix (n × FEATURE_COUNT). Float32 like
 * scikit-learn's trees, which cast X to float32 for both fitting and prediction.
 */
export function toFeatureMatrix(rows: readonly Features[]): Float32Array {
  const matrix = new Float32Array(rows.length * FEATURE_COUNT);
  rows.forEach((row, i) => {
    writeFeatures(row, matrix, i * FEATURE_COUNT);
  });
  return matrix;
}

/** Packs feature columns (one array per feature, `rows` values each) into the same matrix. */
export function columnsToFeatureMatrix(columns: Readonly<Record<FeatureName, ArrayLike<number>>>, rows: number): Float32Array {
  const matrix = new Float32Array(rows * FEATURE_COUNT);
  for (let f = 0; f < FEATURE_COUNT; f++) {
    const column = columns[FEATURES[f]];
    for (let i = 0; i < rows; i++) matrix[i * FEATURE_COUNT + f] = column[i];
  }
  return matrix;
}

/** Just the features of a row that holds more (a dataset record, a labelled request row). */
export function pickFeatures(row: Features): Features {
  return Object.fromEntries(FEATURES.map((feature) => [feature, row[feature]])) as Record<FeatureName, number>;
}

/** Writes one row's features into `target` at `offset`, in model order. */
export function writeFeatures(row: Features, target: Float32Array, offset = 0): void {
  for (let f = 0; f < FEATURE_COUNT; f++) target[offset + f] = row[FEATURES[f]];
}
