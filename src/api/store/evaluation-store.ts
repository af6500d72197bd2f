/**
 * The history of evaluations, behind one interface: SQLite (sqlite-store.ts) for one process,
 * PostgreSQL (postgres-store.ts) for replicas that share it; open-store.ts chooses. Methods are async so
 * that a networked database fits the same shape.
 */
import type { Evaluation, EvaluationFacts, NewEvaluation } from '../evaluation/evaluator.js';

export interface StoredEvaluation {
  readonly id: number;
  /** ISO 8601, UTC. */
  readonly createdAt: string;
  readonly modelVersion: string;
  readonly evaluation: Evaluation;
}

/** One line of the history: what lists and the history page show without loading the report. */
export interface EvaluationSummary {
  readonly id: number;
  readonly periodName: string;
  readonly createdAt: string;
  readonly rows: number;
  readonly rmse: number | null;
  readonly mae: number | null;
  readonly r2score: number | null;
  readonly mape: number | null;
  readonly driftDetected: boolean;
  readonly driftShare: number;
  readonly modelVersion: string;
  /** Each feature's verdict, in report order (the history page's heatmap). */
  readonly features: readonly { readonly column: string; readonly drifted: boolean }[];
}

export interface EvaluationPage {
  /** Evaluations stored in all. */
  readonly total: number;
  /** Newest first. */
  readonly items: readonly EvaluationSummary[];
}

export interface EvaluationStore {
  /** Stores an evaluation, prunes the oldest beyond the history limit, and answers its id. */
  add(modelVersion: string, evaluation: NewEvaluation): Promise<number>;
  /** Summaries, newest first, skipping `offset`. */
  list(offset: number, limit: number): Promise<EvaluationPage>;
  get(id: number): Promise<StoredEvaluation | undefined>;
  latest(): Promise<StoredEvaluation | undefined>;
  /** Deletes all but the newest `keep` evaluations; answers how many went. */
  prune(keep: number): Promise<number>;
  /**
   * Calls `onChange` soon after another process stores an evaluation, for stores shared between
   * processes that can tell (PostgreSQL's LISTEN/NOTIFY). Without it, readers poll `latest()`.
   */
  watch?(onChange: () => void): void;
  close(): Promise<void>;
}

/** The store cannot be used as it is: start-up stops with this message rather than start empty. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

export function summarise(id: number, createdAt: string, modelVersion: string, { periodName, evaluatedItems, report }: EvaluationFacts): EvaluationSummary {
  const { regression, featureDrift } = report;
  return {
    id,
    periodName,
    createdAt,
    rows: evaluatedItems,
    rmse: regression.rmse,
    mae: regression.mae.mean,
    r2score: regression.r2,
    mape: regression.mape.mean,
    driftDetected: featureDrift.datasetDrift,
    driftShare: featureDrift.share,
    modelVersion,
    features: featureDrift.columns.map(({ column, drifted }) => ({ column, drifted })),
  };
}
