/**
 * What describes a trained model: its training window, figures and hyper-parameters. Both the
 * model and its artefact file read these types, so they live apart from either.
 */
import type { FeatureName } from './features.js';
import type { ForestParams } from './random-forest.js';

export const ARTEFACT_FORMAT = 'bike-demand-random-forest';
export const ARTEFACT_FORMAT_VERSION = 1;

export interface TrainingWindow {
  /** "YYYY-MM-DD HH:MM", inclusive. */
  readonly start: string;
  /** "YYYY-MM-DD HH:MM", inclusive. */
  readonly end: string;
}

export interface TrainingMetrics {
  /** In-sample errors on the training window. */
  readonly rmse: number;
  readonly mae: number;
  readonly r2: number;
  /** Out-of-bag errors: each row predicted by the trees that did not draw it. */
  readonly oobRmse: number;
  readonly oobR2: number;
  readonly trainingSeconds: number;
}

export interface ModelMetadata {
  readonly format: string;
  readonly formatVersion: number;
  /** Derived from the forest's content and its inputs: the same model has the same version. */
  readonly modelVersion: string;
  readonly createdAt: string;
  readonly trainingWindow: TrainingWindow;
  readonly trainingRows: number;
  readonly features: readonly FeatureName[];
  readonly target: string;
  readonly hyperParameters: ForestParams;
  readonly trainingMetrics: TrainingMetrics;
  readonly treeCount: number;
  readonly nodeCount: number;
}
