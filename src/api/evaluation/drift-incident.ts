/**
 * The batch behind POST /trigger-drift (`make fire-alert`): real hours of the dataset passed
 * through a simulated upstream incident, then evaluated by the very same path as /evaluate.
 *
 * Source: week 2 of February 2011 as recorded (2011-02-08 00:00 .. 2011-02-14 23:00).
 * Corruption, as if broken weather and calendar feeds met a demand surge:
 * - weather sensors report summer: temp and atemp +0.5, humidity × 0.4, wind speed +0.3
 *   (clipped to [0, 1]), weather code 1 (clear) for every hour;
 * - the calendar feed flags a summer holiday week: season 3, holiday 1, workingday 0;
 * - rentals are tripled (`cnt` × 3), a demand the January model has never seen.
 * Nine of the eleven features drift (the dataset-drift verdict and the severe share), and the
 * model's error explodes (RMSE several times the threshold, R2 below zero).
 */
import type { BikeDataset } from '../../model/dataset.js';
import { pickFeatures } from '../../model/features.js';
import { ALERTS, type AlertSpec, meetsCondition } from '../../telemetry/alert-thresholds.js';
import type { EvaluationFacts, LabelledRecord } from './evaluator.js';

export const TRIGGER_DRIFT_SOURCE = { start: '2011-02-08 00:00', end: '2011-02-14 23:00' } as const;
export const TRIGGER_DRIFT_PERIOD = 'trigger_drift';

const clip = (value: number): number => Math.min(1, Math.max(0, value));

export function driftedBatch(dataset: BikeDataset): LabelledRecord[] {
  return dataset.slice(TRIGGER_DRIFT_SOURCE.start, TRIGGER_DRIFT_SOURCE.end).map((row) => ({
    ...pickFeatures(row),
    temp: clip(row.temp + 0.5),
    atemp: clip(row.atemp + 0.5),
    hum: clip(row.hum * 0.4),
    windspeed: clip(row.windspeed + 0.3),
    weathersit: 1,
    season: 3,
    holiday: 1,
    workingday: 0,
    cnt: row.cnt * 3,
  }));
}

export interface ExpectedAlert {
  readonly alert: string;
  readonly engine: AlertSpec['engine'];
  readonly severity: AlertSpec['severity'];
  /** Pending period before it fires. */
  readonly for: string;
  readonly because: string;
}

/** The model alerts whose condition this evaluation meets, by the catalogue's own comparisons. */
export function alertsExpectedToFire({ report }: EvaluationFacts): ExpectedAlert[] {
  const { regression, featureDrift } = report;
  const values: [AlertSpec, number, string][] = [
    [ALERTS.modelRmseHigh, regression.rmse ?? Number.NaN, 'RMSE'],
    [ALERTS.modelR2Low, regression.r2 ?? Number.NaN, 'R2'],
    [ALERTS.dataDriftDetected, featureDrift.datasetDrift ? 1 : 0, 'dataset drift verdict'],
    [ALERTS.dataDriftSevere, featureDrift.share, 'drifted feature share'],
  ];
  return values
    .filter(([spec, value]) => meetsCondition(spec, value))
    .map(([spec, value, what]) => ({
      alert: spec.name,
      engine: spec.engine,
      severity: spec.severity,
      for: spec.for,
      because: `${what} ${Number(value.toPrecision(4))} ${spec.comparison} ${spec.threshold}`,
    }));
}
