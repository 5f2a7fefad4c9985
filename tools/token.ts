/**
 * `npm run token -- --role underwriter --sub u-1 [--role agent] [--customer <id>] [--hours 8]` prints a local HS256
 * token signed with JWT_SECRET (or the development secret that `npm start` uses).
 */
import { parseArgs } from 'node:util';
import { isRole, signLocalToken, type Role } from '@insurer/platform-auth';
import { LOCAL_JWT_SECRET } from './local-env';

function main(): void {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      customer: { type: 'string' },
      hours: { type: 'string', default: '8' },
    },
  });
  const roles = values.role ?? [];
  const unknown = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || unknown.length > 0) {
    throw new Error(
      `give at least one --role among the known roles${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
    );
  }
  const token = signLocalToken({
    sub: values.sub ?? `${roles[0]}-local`,
    roles: roles as Role[],
    customerId: values.customer,
    secret: process.env.JWT_SECRET ?? LOCAL_JWT_SECRET,
    issuer: process.env.JWT_ISSUER,
    audience: process.env.JWT_AUDIENCE,
    expiresInSeconds: Number(values.hours) * 3600,
  });
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`token: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
