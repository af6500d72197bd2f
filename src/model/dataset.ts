/**
 * The UCI Bike Sharing dataset, hourly table: download (or a local copy), read `hour.csv` out
 * of the archive, and index the rows by their hour. The brief's `_fetch_data` and
 * `_process_data` are `fetchData` and `processData` here.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { writeFileAtomically } from '../atomic-write.js';
import type { Features } from './features.js';
import { HOUR_MS, parseDateTime } from './datetime.js';

export const DEFAULT_DATASET_URL = 'https://archive.ics.uci.edu/static/public/275/bike+sharing+dataset.zip';
export const ARCHIVE_NAME = 'bike-sharing-dataset.zip';
const HOUR_CSV = 'hour.csv';
const DOWNLOAD_TIMEOUT_MS = 120_000;

/** Where the archive comes from: a local file if named, else the cache, else the URL. */
export interface DataSource {
  /** A local copy of the archive, used instead of the cache and the download. */
  readonly zipPath?: string | undefined;
  readonly url: string;
  readonly cacheDir: string;
}

/** One hour of the dataset, typed. `time` is the hour's naive timestamp (ms, see datetime.ts). */
export interface HourRecord extends Features {
  readonly instant: number;
  readonly dteday: string;
  readonly yr: number;
  readonly casual: number;
  readonly registered: number;
  readonly cnt: number;
  readonly time: number;
}

/** A dataset problem a user can act on; the message says how. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

type NumericColumn = Exclude<keyof HourRecord, 'dteday' | 'time'>;
/** A CSV row as parsed: a column may be missing from a malformed file. */
type RawRow = Readonly<Partial<Record<string, string>>>;

/** The rows of `hour.csv`, as text, from the archive named by `source`. */
export async function fetchData(source: DataSource): Promise<RawRow[]> {
  const archive = await loadArchive(source);
  return parse(readHourCsv(archive.bytes, archive.origin), { columns: true, skip_empty_lines: true });
}

/** Types the raw rows, checks every value, and indexes them by hour, sorted. */
export function processData(rows: readonly RawRow[]): BikeDataset {
  const records = rows.map((row, i) => toHourRecord(row, i + 2));
  records.sort((a, b) => a.time - b.time);
  return new BikeDataset(records);
}

/** fetchData then processData. */
export async function loadDataset(source: DataSource): Promise<BikeDataset> {
  return processData(await fetchData(source));
}

/** Hourly records sorted by time, sliced like pandas `.loc[start:end]` (both ends inclusive). */
export class BikeDataset {
  readonly records: readonly HourRecord[];

  constructor(records: readonly HourRecord[]) {
    this.records = records;
  }

  get size(): number {
    return this.records.length;
  }

  /** Records with start <= time <= end; bounds are "YYYY-MM-DD[ HH:MM]" or timestamps. */
  slice(start: string | number, end: string | number): HourRecord[] {
    const from = this.firstIndexAtOrAfter(toTime(start));
    const to = this.firstIndexAtOrAfter(toTime(end) + 1);
    return this.records.slice(from, to);
  }

  private firstIndexAtOrAfter(time: number): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.records[middle].time < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function toTime(bound: string | number): number {
  if (typeof bound === 'number') return bound;
  const time = parseDateTime(bound);
  if (time === undefined) throw new RangeError(`Not a date-time "YYYY-MM-DD HH:MM": ${bound}`);
  return time;
}

function toHourRecord(row: RawRow, line: number): HourRecord {
  const number = (column: NumericColumn): number => {
    const text = row[column];
    const value = Number(text);
    if (text === undefined || text.trim() === '' || !Number.isFinite(value)) {
      throw new DatasetError(`${HOUR_CSV} line ${line}: column "${column}" is not a number (${String(text)})`);
    }
    return value;
  };
  const dteday = row.dteday ?? '';
  const day = parseDateTime(dteday);
  if (day === undefined || dteday.length !== 10) throw new DatasetError(`${HOUR_CSV} line ${line}: dteday is not a date (${dteday})`);
  // One literal of fixed shape: 17,379 records share one hidden class.
  const record = {
    instant: number('instant'),
    dteday,
    season: number('season'),
    yr: number('yr'),
    mnth: number('mnth'),
    hr: number('hr'),
    holiday: number('holiday'),
    weekday: number('weekday'),
    workingday: number('workingday'),
    weathersit: number('weathersit'),
    temp: number('temp'),
    atemp: number('atemp'),
    hum: number('hum'),
    windspeed: number('windspeed'),
    casual: number('casual'),
    registered: number('registered'),
    cnt: number('cnt'),
    time: 0,
  };
  record.time = day + record.hr * HOUR_MS;
  return record;
}

interface Archive {
  readonly bytes: Uint8Array;
  /** Where the bytes came from, for error messages. */
  readonly origin: string;
}

/** Where a downloaded archive is kept, and read again by later runs. */
export function cachedArchivePath(source: Pick<DataSource, 'cacheDir'>): string {
  return join(source.cacheDir, ARCHIVE_NAME);
}

async function loadArchive(source: DataSource): Promise<Archive> {
  if (source.zipPath) return { bytes: await readLocal(source.zipPath), origin: source.zipPath };
  const cached = cachedArchivePath(source);
  const bytes = await readFile(cached).catch(() => undefined);
  if (bytes) return { bytes, origin: cached };
  return { bytes: await download(source.url, cached), origin: cached };
}

async function readLocal(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new DatasetError(`Cannot read the bike-sharing archive at ${path} (BIKE_SHARING_ZIP): ${describe(error)}`);
  }
}

/** Downloads the archive, checks it, then caches it. */
async function download(url: string, destination: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new DatasetError(`Cannot download the bike-sharing dataset from ${url}: ${describe(error)}. ${LOCAL_COPY_HINT}, or copy it to ${destination}. ${PROXY_HINT}`);
  }
  readHourCsv(bytes, url);
  await writeCache(bytes, destination);
  return bytes;
}

/**
 * Copies the archive named by BIKE_SHARING_ZIP (checked first) into the cache, where a later run
 * without the variable finds it. Returns the cached path, or undefined when no archive is named.
 */
export async function cacheArchive(source: DataSource): Promise<string | undefined> {
  if (!source.zipPath) return undefined;
  const destination = cachedArchivePath(source);
  if (resolve(source.zipPath) === resolve(destination)) return destination;
  const bytes = await readLocal(source.zipPath);
  readHourCsv(bytes, source.zipPath);
  await writeCache(bytes, destination);
  return destination;
}

/** Writes the cache atomically and durably: it is never half-written. */
async function writeCache(bytes: Uint8Array, destination: string): Promise<void> {
  try {
    await writeFileAtomically(destination, bytes);
  } catch (error) {
    throw new DatasetError(`Cannot write the dataset cache ${destination}: ${describe(error)}`);
  }
}

/** The text of hour.csv inside a zip archive; a clear error if it is not one. */
export function readHourCsv(archive: Uint8Array, origin: string): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(archive, { filter: (file) => file.name.split('/').pop() === HOUR_CSV });
  } catch (error) {
    throw new DatasetError(`${origin} is not a readable zip archive (${describe(error)}). ${howToReplace(origin)}`);
  }
  const entry = Object.values(files).at(0);
  if (!entry) throw new DatasetError(`${origin} has no ${HOUR_CSV}. ${howToReplace(origin)}`);
  return new TextDecoder().decode(entry);
}

/**
 * Node's fetch ignores HTTPS_PROXY unless NODE_USE_ENV_PROXY=1 (or --use-env-proxy) turns its
 * built-in proxy support on; the Docker images set it.
 */
const PROXY_HINT = 'Behind a proxy: set HTTPS_PROXY (and NO_PROXY) with NODE_USE_ENV_PROXY=1';

const LOCAL_COPY_HINT = `Supply a copy of the UCI archive (${DEFAULT_DATASET_URL}) with BIKE_SHARING_ZIP=/path/to/archive.zip`;

/** What to do about a bad archive: replace the file, or the broken cached copy. */
function howToReplace(origin: string): string {
  return origin.startsWith('http') ? LOCAL_COPY_HINT : `${LOCAL_COPY_HINT}; if ${origin} is a cached download, delete it and retry`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
