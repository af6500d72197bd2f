/**
 * The time windows of the brief's Python client (run_evaluation.py), written as it writes them.
 * Both ends are inclusive, like pandas `.loc` on the hourly index (`BikeDataset.slice`).
 */

export interface Period {
  readonly start: string;
  readonly end: string;
}

/** The "current" weeks sent to POST /evaluate. Week 1 starts the day after the training window. */
export const EVALUATION_PERIODS = {
  week1_february: { start: '2011-01-29 00:00:00', end: '2011-02-07 23:00:00' },
  week2_february: { start: '2011-02-08 00:00:00', end: '2011-02-14 23:00:00' },
  week3_february: { start: '2011-02-15 00:00:00', end: '2011-02-21 23:00:00' },
} as const satisfies Record<string, Period>;

export type PeriodName = keyof typeof EVALUATION_PERIODS;

export const PERIOD_NAMES = Object.keys(EVALUATION_PERIODS) as PeriodName[];

export function isPeriodName(name: string): name is PeriodName {
  return Object.hasOwn(EVALUATION_PERIODS, name);
}

/** The rows the brief's `generate_traffic` draws its /predict requests from: January 2011. */
export const TRAFFIC_PERIOD: Period = { start: '2011-01-01 00:00:00', end: '2011-01-31 23:00:00' };

/**
 * The hours the traffic generator replays (`traffic --period NAME`). By default the reference
 * month itself (the default training window), so that default traffic keeps live drift quiet;
 * July 2011 (hot, humid, long days) drifts on most features and raises it.
 */
export const TRAFFIC_PROFILES = {
  reference: { start: '2011-01-01 00:00:00', end: '2011-01-28 23:00:00' },
  january: TRAFFIC_PERIOD,
  'july-2011': { start: '2011-07-01 00:00:00', end: '2011-07-31 23:00:00' },
} as const satisfies Record<string, Period>;

export type TrafficProfile = keyof typeof TRAFFIC_PROFILES;
export const DEFAULT_TRAFFIC_PROFILE: TrafficProfile = 'reference';
