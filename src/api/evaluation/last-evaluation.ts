/**
 * The last evaluation, kept on disk beside the model artefact. The model and drift gauges live
 * in the process; without this file a restart would empty them, and every model alert would
 * resolve (Prometheus) or read "no data" (Grafana) until the next weekly evaluation. At start-up
 * the service shows the last evaluation again, if it was made with the model it serves.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../../atomic-write.js';
import type { Evaluation } from './evaluator.js';

/** The file's name, in the directory of MODEL_PATH (the model volume in Docker). */
export const LAST_EVALUATION_FILE = 'last-evaluation.json';

interface StoredEvaluation {
  readonly modelVersion: string;
  readonly evaluation: Evaluation;
}

export type Restored = { readonly evaluation: Evaluation } | { readonly skipped: string };

export class LastEvaluationStore {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly modelVersion: string,
  ) {}

  /** The stored evaluation of the served model, or why there is none to show. */
  async load(): Promise<Restored> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return { skipped: 'no evaluation stored yet' };
    }
    try {
      const stored = JSON.parse(text) as Partial<StoredEvaluation>;
      if (stored.modelVersion !== this.modelVersion) return { skipped: `stored for model ${String(stored.modelVersion)}` };
      if (!isEvaluation(stored.evaluation)) return { skipped: `${this.path} is incomplete` };
      return { evaluation: stored.evaluation };
    } catch (error) {
      return { skipped: `${this.path} is unreadable (${(error as Error).message})` };
    }
  }

  /** Stores `evaluation` atomically and durably; writes happen in call order, so the last call wins. */
  save(evaluation: Evaluation): Promise<void> {
    const stored: StoredEvaluation = { modelVersion: this.modelVersion, evaluation };
    const write = (): Promise<void> => writeFileAtomically(this.path, JSON.stringify(stored));
    this.writing = this.writing.then(write, write);
    return this.writing;
  }
}

/** The parts of an evaluation that the gauges read are all there. */
function isEvaluation(value: unknown): value is Evaluation {
  type Loose = Partial<Record<string, unknown>> | undefined;
  const evaluation = value as Loose;
  const report = evaluation?.report as Loose;
  const regression = report?.regression as Loose;
  const featureDrift = report?.featureDrift as Loose;
  return (
    typeof evaluation?.evaluatedAt === 'number' &&
    typeof evaluation.evaluatedItems === 'number' &&
    typeof evaluation.periodName === 'string' &&
    typeof regression?.mae === 'object' &&
    typeof regression.mape === 'object' &&
    Array.isArray(featureDrift?.columns) &&
    typeof report?.targetDrift === 'object' &&
    typeof report.predictionDrift === 'object'
  );
}
