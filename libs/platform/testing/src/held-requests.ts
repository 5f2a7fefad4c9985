import { httpRequest } from './http-request';

/** How many requests for `resource` a service holds waiting (`Prefer: wait`), from its `http_requests_held` gauge. */
export async function heldRequests(serviceUrl: string, resource: string): Promise<number> {
  const { text } = await httpRequest(`${serviceUrl}/metrics`);
  const line = text
    .split('\n')
    .find((l) => l.startsWith('http_requests_held{') && l.includes(`resource="${resource}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}
