/**
 * traffic: simulated use of POST /predict (the brief's section V traffic script). Real hours of
 * the chosen period (--period; default the reference month) at a steady rate, a share of invalid
 * requests, progress while it runs, a summary at the end. Exit code 0 after a complete run, 130
 * when interrupted (Ctrl-C; the summary is still printed), 1 when the API is unreachable at the
 * start or requests failed to connect, 2 for a bad command line.
 *
 *   npx tsx src/clients/traffic.ts [--period reference|july-2011|START..END] [--rate 20]
 *                                  [--duration 30 | --count N] [--invalid-share 0.1]
 */
import { loadDataSource } from '../config.js';
import { loadDataset } from '../model/dataset.js';
import { waitForApi } from './api-client.js';
import { UsageError } from '../command-line.js';
import { runClient } from './cli.js';
import { parseTrafficArgs, TRAFFIC_USAGE } from './traffic-args.js';
import { progressDisplay } from './traffic-progress.js';
import { requestSource } from './traffic-requests.js';
import { runTraffic } from './traffic-runner.js';
import { formatSummary, TrafficStats } from './traffic-stats.js';

const PROGRESS_REFRESH_MS = 250;

async function main(argv: readonly string[]): Promise<number> {
  const options = parseTrafficArgs(argv, process.env);
  if (!options) {
    console.log(TRAFFIC_USAGE);
    return 0;
  }
  await waitForApi(options.apiUrl, options.retry);
  const dataset = await loadDataset(loadDataSource());
  const { period } = options;
  const rows = dataset.slice(period.start, period.end);
  if (rows.length === 0) throw new UsageError(`--period ${period.name}: the dataset holds no hour from ${period.start} to ${period.end}`);
  const next = requestSource(rows, options.invalidShare, options.seed);

  // The first Ctrl-C ends the run gracefully; the handler is removed then, so a second one kills.
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    interrupt.abort();
  });

  const { stopAfter, rate, concurrency, invalidShare } = options;
  const bound = 'count' in stopAfter ? `${stopAfter.count} requests` : `${stopAfter.seconds} s`;
  console.error(`traffic: ${options.apiUrl}/predict, hours of ${period.name} (${rows.length}), ${rate} req/s for ${bound}, concurrency ${concurrency}, invalid share ${invalidShare} (Ctrl-C stops)`);
  const stats = new TrafficStats();
  const display = progressDisplay(options.stopAfter, process.stderr);
  const refresh = setInterval(() => {
    display.update(stats.progress());
  }, PROGRESS_REFRESH_MS);
  try {
    await runTraffic({ ...options, url: `${options.apiUrl}/predict` }, next, stats, interrupt.signal);
  } finally {
    clearInterval(refresh);
    display.update(stats.progress());
    display.stop();
  }

  const summary = stats.summary(interrupt.signal.aborted);
  console.log(options.json ? JSON.stringify(summary) : formatSummary(summary, options.apiUrl));
  if (summary.interrupted) return 130;
  return Object.keys(summary.connection_errors).length > 0 ? 1 : 0;
}

runClient('traffic', main);
