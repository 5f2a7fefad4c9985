import type { KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An identity provider as far as the services see it: a real HTTP JWKS endpoint (RFC 7517) whose published keys a
 * test can rotate, counting how often it is fetched, or take down.
 */
export class JwksServer {
  published: { kid: string; publicKey: KeyObject }[] = [];
  fetches = 0;
  down = false;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    const server = createServer((_req, res) => {
      this.fetches += 1;
      if (this.down) {
        res.writeHead(503).end();
        return;
      }
      const keys = this.published.map(({ kid, publicKey }) => ({
        ...publicKey.export({ format: 'jwk' }),
        kid,
        use: 'sig',
        alg: 'RS256',
      }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}
