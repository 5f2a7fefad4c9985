/**
 * `npm run demo`: drives the whole story, then the family story (policyholder, insured, payer and beneficiaries
 * apart), against the platform `npm start` is running, through its public interfaces, and prints each step. It reads the addresses `npm start` wrote to .cache/dev.env and, for the one-time code, the
 * local SMS gateway's lines in .cache/logs/customer-svc.log.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafka } from '@insurer/platform-messaging';
import { repoRoot, waitFor } from '@insurer/platform-testing';
import { SERVICES, withLocalSecrets } from '../local-env';
import { narrator, otpFromLog, platformUrls, runFamilyStory, runStory } from '@insurer/platform-scenarios';
import { negotiateLocale } from '@insurer/platform-i18n';

const root = repoRoot();
const say = (line: string) => process.stdout.write(`[demo] ${line}\n`);
// The insurer's staff read Chinese first; `DEMO_LANG=en npm run demo` tells the story in English.
const locale = negotiateLocale(process.env['DEMO_LANG']);

function readEnvFile(): Record<string, string> {
  const file = join(root, '.cache', 'dev.env');
  if (!existsSync(file)) throw new Error('no .cache/dev.env: start the platform first with `npm start`');
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

async function main(): Promise<void> {
  const env = withLocalSecrets({ ...process.env, ...readEnvFile() });
  const urls = platformUrls((name) => SERVICES.find((s) => s.name === name)?.port ?? 0);
  const kafka = createKafka({
    clientId: 'demo',
    brokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  });
  const readOtp = (mobile: string) =>
    waitFor(
      () => otpFromLog(readFileSync(join(root, '.cache', 'logs', 'customer-svc.log'), 'utf8'), mobile),
      {
        timeoutMs: 15_000,
        description: 'the one-time code in the customer-svc log',
      },
    );
  const result = await runStory({ urls, jwtSecret: env.JWT_SECRET as string, kafka, say, readOtp, locale });
  // The parties of a policy: a mother insures her son, her husband pays her cover, a death benefit is split.
  await runFamilyStory({ urls, jwtSecret: env.JWT_SECRET as string, say, readOtp, locale });
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  narrator(say, locale)('done');
  const lang = locale === 'en' ? '&lang=en' : '';
  say(
    `  ${urls.analytics}/dashboard#token=${result.analystToken}&from=${today}&to=${today}&by=salesperson${lang}`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`[demo] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
