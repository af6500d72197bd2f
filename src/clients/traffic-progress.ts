/**
 * Progress of a traffic run on stderr (stdout keeps only the summary, so it can be piped): a
 * cli-progress bar on a terminal, a plain line every few seconds otherwise (CI logs, pipes).
 */
import { Presets, SingleBar } from 'cli-progress';
import type { TrafficProgress } from './traffic-stats.js';

/** When the run stops by itself: after a number of requests or a number of seconds. */
export type StopAfter = { readonly count: number } | { readonly seconds: number };

export interface ProgressDisplay {
  update(progress: TrafficProgress): void;
  stop(): void;
}

const LINE_INTERVAL_SECONDS = 5;

export function progressDisplay(stopAfter: StopAfter, stream: NodeJS.WriteStream): ProgressDisplay {
  return stream.isTTY ? barDisplay(stopAfter, stream) : lineDisplay(stream);
}

function barDisplay(stopAfter: StopAfter, stream: NodeJS.WriteStream): ProgressDisplay {
  const byCount = 'count' in stopAfter;
  const bar = new SingleBar(
    {
      stream,
      format: `{bar} {percentage}% | ${byCount ? '{value}/{total} requests' : '{value}/{total} s'} | {answered} answered, {failed} failed | {rate} req/s`,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(byCount ? stopAfter.count : stopAfter.seconds, 0, payload({ requests: 0, answered: 0, failed: 0, elapsedSeconds: 0 }));
  return {
    update(progress) {
      bar.update(byCount ? progress.requests : Math.min(Math.round(progress.elapsedSeconds), stopAfter.seconds), payload(progress));
    },
    stop() {
      bar.stop();
    },
  };
}

function lineDisplay(stream: NodeJS.WriteStream): ProgressDisplay {
  let printedAt = 0;
  return {
    update(progress) {
      if (progress.elapsedSeconds - printedAt < LINE_INTERVAL_SECONDS) return;
      printedAt = progress.elapsedSeconds;
      const { answered, failed, rate } = payload(progress);
      stream.write(`traffic: ${progress.elapsedSeconds.toFixed(0)} s, ${progress.requests} sent, ${answered} answered, ${failed} failed, ${rate} req/s\n`);
    },
    stop() {
      // Nothing to clear: every line is complete.
    },
  };
}

function payload({ requests, answered, failed, elapsedSeconds }: TrafficProgress): { answered: number; failed: number; rate: string } {
  return { answered, failed, rate: (elapsedSeconds > 0 ? requests / elapsedSeconds : 0).toFixed(1) };
}
