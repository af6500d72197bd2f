/** The served model: a trained forest and the metadata that describes it. */
import type { ModelMetadata } from './metadata.js';
import { FEATURE_COUNT, type Features, toFeatureMatrix, writeFeatures } from './features.js';
import type { RandomForest } from './random-forest.js';

export class BikeDemandModel {
  /** One row's float32 features; predictions are synchronous, so one buffer serves all requests. */
  private readonly row = new Float32Array(FEATURE_COUNT);

  constructor(
    readonly metadata: ModelMetadata,
    readonly forest: RandomForest,
  ) {}

  get version(): string {
    return this.metadata.modelVersion;
  }

  /** Predicted rentals for one hour. */
  predict(features: Features): number {
    writeFeatures(features, this.row);
    return this.forest.predictRow(this.row);
  }

  /** Predicted rentals for many hours. */
  predictMany(rows: readonly Features[]): Float64Array {
    return this.forest.predict(toFeatureMatrix(rows));
  }
}
