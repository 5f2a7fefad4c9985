/**
 * The bare Fastify + pg routes in a process of their own, started by bench/run.ts. A service serves from its own
 * process, so the baseline does too: its CPU is then read from /proc like a service's (the CPU a request costs on
 * each side), and its server does not share an event loop with the load driver's clients.
 */
import { applyLeanAsyncResourceBind } from '@insurer/platform-config';
import { startBareServer } from './baselines';

// As every service does as it starts: a POST's two sides then pay the same for Fastify's per-body AsyncResource bind,
// and neither for Node 20's deprecated accessor on it.
const leanBind = applyLeanAsyncResourceBind();
const port = Number(process.env.PORT);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl || !Number.isInteger(port)) {
  process.stderr.write('bare-server needs DATABASE_URL and PORT\n');
  process.exit(2);
}
startBareServer(databaseUrl, port).then(
  ({ app, pool }) => {
    process.once('SIGTERM', () => {
      void app
        .close()
        .then(() => pool.end())
        .then(() => process.exit(0));
    });
    process.stdout.write(`${leanBind ? 'lean-bind\n' : ''}ready\n`);
  },
  (err: unknown) => {
    process.stderr.write(`bare-server: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
