import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { table } from './report';

// The run bench/README.md shows (older runs lack measures the table has gained since).
const [, date, sha] = /^Last run: (\S+), commit (\w+),/m.exec(
  readFileSync(join(__dirname, 'README.md'), 'utf8'),
)!;
const recorded = JSON.parse(
  readFileSync(join(__dirname, 'results', `${date}-${sha}.json`), 'utf8'),
) as Parameters<typeof table>[0];

describe('the table’s header', () => {
  it('names the commit measured', () => {
    expect(table(recorded)).toContain(`Last run: ${recorded.date}, commit ${recorded.sha}, `);
  });

  it('says so when the working tree differed from that commit', () => {
    expect(table({ ...recorded, uncommitted: true })).toContain(
      `Last run: ${recorded.date}, commit ${recorded.sha} with uncommitted changes, `,
    );
  });
});
