/** Reading values out of a Prometheus text exposition in tests. */

/** The value of the sample `name{labels}` (labels in any order), or undefined without it. */
export function sampleValue(exposition: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line) as (RegExpExecArray & [string, string, string | undefined, string]) | null;
    if (match?.[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
    const wanted = Object.entries(labels);
    if (wanted.length === Object.keys(found).length && wanted.every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

/** api_requests_total for one label set (0 when the series does not exist). */
export function requestCount(exposition: string, labels: { endpoint: string; method: string; status_code: string }): number {
  return sampleValue(exposition, 'api_requests_total', labels) ?? 0;
}
