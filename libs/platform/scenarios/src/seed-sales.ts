import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@insurer/platform-testing';
import { shanghaiDate } from '@insurer/platform-time';

interface SeedSalesperson {
  salespersonId: string;
  name: string;
  grade: string | null;
  licenceNumber: string | null;
  licenceValidUntil: string | null;
  trainingHours: number;
}

/**
 * Loads the starter catalogue and salespeople into a running sales-svc through its admin API, the same path a product
 * team uses: create the version, upload its tables, publish it from today. Products already on sale are left alone,
 * so running it twice changes nothing.
 */
export async function seedSales(
  baseUrl: string,
  adminToken: string,
  log: (line: string) => void,
): Promise<void> {
  const seedDir = join(repoRoot(), 'apps', 'sales-svc', 'seed');
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const expectOk = (what: string, res: { status: number; body: Record<string, unknown> }) => {
    if (res.status >= 300)
      throw new Error(`seeding ${what} failed (${res.status}): ${JSON.stringify(res.body)}`);
  };

  for (const code of readdirSync(seedDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    if ((await call('GET', `/products/${code}`)).status === 200) continue;
    const dir = join(seedDir, code);
    const created = await call(
      'POST',
      '/products',
      JSON.parse(readFileSync(join(dir, 'product.json'), 'utf8')),
    );
    expectOk(`product ${code}`, created);
    const version = created.body.version as number;
    expectOk(
      `${code} rates`,
      await call(
        'PUT',
        `/products/${code}/versions/${version}/rates`,
        readFileSync(join(dir, 'rates.csv'), 'utf8'),
        'text/csv',
      ),
    );
    if (existsSync(join(dir, 'cash-values.csv'))) {
      expectOk(
        `${code} cash values`,
        await call(
          'PUT',
          `/products/${code}/versions/${version}/cash-values`,
          readFileSync(join(dir, 'cash-values.csv'), 'utf8'),
          'text/csv',
        ),
      );
    }
    expectOk(
      `${code} publication`,
      await call('POST', `/products/${code}/versions/${version}/publication`, {
        effectiveFrom: shanghaiDate(new Date()),
      }),
    );
    log(`product ${code} v${version} published`);
  }

  const people = JSON.parse(readFileSync(join(seedDir, 'salespeople.json'), 'utf8')) as SeedSalesperson[];
  for (const person of people) {
    if ((await call('GET', `/salespeople/${person.salespersonId}`)).status === 200) continue;
    const { salespersonId, trainingHours, ...standing } = person;
    expectOk(`salesperson ${salespersonId}`, await call('PUT', `/salespeople/${salespersonId}`, standing));
    expectOk(
      `training of ${salespersonId}`,
      await call('POST', `/salespeople/${salespersonId}/training`, {
        hours: trainingHours,
        completedOn: shanghaiDate(new Date()),
      }),
    );
    log(`salesperson ${salespersonId} registered`);
  }
}
