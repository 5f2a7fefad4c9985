import { httpRequest } from './http-request';

const SAMPLE = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})? (\S+)/;
const LABEL = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * The sum of a metric's samples in Prometheus' text format whose labels include every one of `labels` (a gauge or a
 * counter of one series, or several series added up); 0 when none is there yet, as a counter not yet incremented.
 */
export function metricSum(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number {
  const wanted = Object.entries(labels);
  let sum = 0;
  for (const line of text.split('\n')) {
    const sample = SAMPLE.exec(line);
    if (!sample || sample[1] !== name) continue;
    const has = new Map([...(sample[2] ?? '').matchAll(LABEL)].map((m) => [m[1], m[2]]));
    if (wanted.every(([label, value]) => has.get(label) === value)) sum += Number(sample[3]);
  }
  return sum;
}

/** `metricSum` of a service's /metrics now. */
export async function metricValue(
  serviceUrl: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number> {
  const { text } = await httpRequest(`${serviceUrl}/metrics`);
  return metricSum(text, name, labels);
}

/** How many requests for `resource` a service holds waiting (`Prefer: wait`), from its `http_requests_held` gauge. */
export function heldRequests(serviceUrl: string, resource: string): Promise<number> {
  return metricValue(serviceUrl, 'http_requests_held', { resource });
}
