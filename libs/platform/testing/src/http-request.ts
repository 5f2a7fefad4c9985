import { Agent, request } from 'node:http';

export interface TextReply {
  readonly status: number;
  readonly text: string;
}

/** Kept-alive connections, shared by every caller in the process. */
const agent = new Agent({ keepAlive: true });

/**
 * One HTTP/1.1 request through node:http, for load drivers and scenarios that make many calls: Node's `fetch`
 * (undici behind web streams) cost the client about 380 µs of CPU a request here against about 60 for this, and a
 * benchmark's driver shares the cores it measures. A request that meets `ECONNRESET` on a reused kept-alive connection
 * is sent once more on a new one, as Node's documentation advises for a server closing an idle connection as the
 * request goes out; a server that read the request and then died would see it twice, so the callers are drivers and
 * scenarios, never a service. Any other failure, or a second one, rejects.
 */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<TextReply> {
  const send = (retried: boolean): Promise<TextReply> =>
    new Promise((resolve, reject) => {
      const headers = { ...options.headers };
      if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
      const req = request(url, { method: options.method ?? 'GET', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (!retried && req.reusedSocket && err.code === 'ECONNRESET') send(true).then(resolve, reject);
        else reject(err);
      });
      req.end(options.body);
    });
  return send(false);
}
