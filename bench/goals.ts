/**
 * The performance goals (issue 14), each beside the figure this run measured for it. Sections
 * record their figures as they go; the sheet is printed last, so a run ends with its verdicts.
 * A goal whose section did not run (BENCH_ONLY) is listed as not measured.
 */
import { printTable } from './lib.js';

interface Goal {
  readonly name: string;
  readonly unit: string;
  readonly limit: number;
  /** Whether the figure must stay at or under the limit, or reach it. */
  readonly direction: 'at most' | 'at least';
}

const GOALS = {
  evaluate1k: { name: '/evaluate, 1,000 rows, median over HTTP', unit: 'ms', limit: 8, direction: 'at most' },
  evaluate10k: { name: '/evaluate, 10,000 rows, median over HTTP', unit: 'ms', limit: 60, direction: 'at most' },
  evaluatePeakRss: { name: 'peak RSS during back-to-back 10,000-row evaluations', unit: 'MB', limit: 200, direction: 'at most' },
  idleRss: { name: 'idle RSS (after start-up and 10 predictions)', unit: 'MB', limit: 130, direction: 'at most' },
  predictThroughput: { name: '/predict at 8 connections, throughput / ceiling', unit: '×', limit: 0.75, direction: 'at least' },
  predictP99: { name: '/predict at 8 connections, p99 / ceiling', unit: '×', limit: 1.5, direction: 'at most' },
} as const satisfies Record<string, Goal>;

export type GoalName = keyof typeof GOALS;

const measured = new Map<GoalName, number>();

export function recordGoal(name: GoalName, value: number): void {
  measured.set(name, value);
}

export function printGoals(): void {
  const rows = Object.entries(GOALS).map(([key, goal]: [string, Goal]) => {
    const value = measured.get(key as GoalName);
    const target = `${goal.direction} ${goal.limit} ${goal.unit}`;
    if (value === undefined) return [goal.name, target, 'not measured', ''];
    const met = goal.direction === 'at most' ? value <= goal.limit : value >= goal.limit;
    return [goal.name, target, `${value.toFixed(2)} ${goal.unit}`, met ? 'met' : 'NOT MET'];
  });
  console.log('\n## Goals (issue 14), figures of this run');
  printTable(['figure', 'goal', 'measured', 'verdict'], rows);
}
