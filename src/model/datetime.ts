/**
 * Hour timestamps of the dataset. The CSV holds naive local dates (Washington D.C.) and an hour
 * column; they are indexed as if they were UTC, which keeps every day 24 hours long and makes
 * "2011-01-28 23:00" mean exactly what it says, like pandas' naive DatetimeIndex.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Milliseconds since the epoch of a naive "YYYY-MM-DD[ HH:MM[:SS]]", or undefined if invalid. */
export function parseDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part: string | undefined) => Number(part ?? 0));
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(time);
  // Date.UTC rolls 2011-02-30 over to March: reject instead of guessing.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time;
}

export const HOUR_MS = 3_600_000;
