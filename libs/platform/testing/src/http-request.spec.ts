import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpRequest } from './http-request';

interface Seen {
  readonly method: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly remotePort: number;
}

/** A local server whose handler decides per request; it records what each request carried and on which connection. */
async function serve(
  handle: (seen: Seen, index: number, req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remotePort: req.socket.remotePort ?? 0,
      };
      seen.push(entry);
      handle(entry, seen.length - 1, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('httpRequest', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('sends the method, headers and body, and gives back the status and the text', async () => {
    const local = await serve((_seen, _i, _req, res) => {
      res.statusCode = 201;
      res.end('{"answer":"已受理"}');
    });
    server = local.server;
    const body = JSON.stringify({ name: '张三' });
    const reply = await httpRequest(`${local.url}/claims?x=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body,
    });
    expect(reply).toEqual({ status: 201, text: '{"answer":"已受理"}' });
    expect(local.seen[0]).toMatchObject({ method: 'POST', body });
    expect(local.seen[0].headers).toMatchObject({
      authorization: 'Bearer t',
      'content-length': String(Buffer.byteLength(body)),
    });
  });

  it('keeps the connection for the next request', async () => {
    const local = await serve((_seen, _i, _req, res) => res.end('ok'));
    server = local.server;
    await httpRequest(`${local.url}/a`);
    await httpRequest(`${local.url}/b`);
    expect(local.seen).toHaveLength(2);
    expect(local.seen[1].remotePort).toBe(local.seen[0].remotePort);
  });

  it('sends a request once more on a new connection when the server closed the kept one on it', async () => {
    const local = await serve((_seen, i, req, res) => {
      if (i === 1) req.socket.destroy();
      else res.end(`reply ${i}`);
    });
    server = local.server;
    await httpRequest(`${local.url}/a`);
    await expect(httpRequest(`${local.url}/b`, { method: 'POST', body: 'x' })).resolves.toEqual({
      status: 200,
      text: 'reply 2',
    });
    expect(local.seen[2].remotePort).not.toBe(local.seen[1].remotePort);
  });

  it('rejects when the new connection fails too', async () => {
    const local = await serve((_seen, i, req, res) => {
      if (i === 0) res.end('ok');
      else req.socket.destroy();
    });
    server = local.server;
    await httpRequest(`${local.url}/a`);
    await expect(httpRequest(`${local.url}/b`)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(local.seen).toHaveLength(3);
  });
});
