import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { eventFixtures } from '@insurer/contracts/testing';
import { createKafka } from '@insurer/platform-messaging';
import type { StartedService } from '@insurer/platform-runtime';
import {
  HttpClient,
  TestProducer,
  redeliverAndAwaitDuplicate,
  startServiceUnderTest,
} from '@insurer/platform-test-harness';
import { repoRoot, testEnvironment, tokenFor, waitFor } from '@insurer/platform-testing';
import { ManualClock, addDays, shanghaiDate } from '@insurer/platform-time';
import { service } from '../src/service';

const env = testEnvironment();
const kafka = createKafka({ clientId: 'analytics-svc-test', brokers: env.kafkaBrokers.split(',') });
// The test's day lies years back, on a day no other test writes to, and the 29 days before it are empty too: totals,
// the period before and the 30-day window of an improvement action are then this file's own figures, known exactly.
const today = addDays(shanghaiDate(new Date()), -(1000 + Math.floor(Math.random() * 2000)));
const clock = new ManualClock(`${today}T12:00:00+08:00`);
const analyst = tokenFor('analyst', 'an-1');
const admin = tokenFor('admin', 'admin-1');
const salespersonId = `S-AN-${randomUUID().slice(0, 6)}`;
const now = () => clock.now().toISOString();

let started: StartedService<import('@insurer/platform-config').ServiceConfig>;
let api: HttpClient;
let producer: TestProducer;
const sent: Record<string, string> = {};
const policies: string[] = [];

type Row = { key: string; kpis: Record<string, number | null> };
const mine = async (): Promise<Record<string, number | null> | undefined> => {
  const res = await api.get(`/kpis?from=${today}&to=${today}&by=salesperson`, analyst);
  return (res.body.rows as Row[]).find((r) => r.key === salespersonId)?.kpis;
};

/** A claim on the salesperson's first policy, reported now. */
const reportClaim = (claimId: string) =>
  producer.event('claims.claim-reported', claimId, {
    ...eventFixtures['claims.claim-reported'],
    claimId,
    policyId: policies[0] as string,
    productCode: 'TL20',
    reportedAt: now(),
  });

/** Plays the other services: one salesperson's day across sales, contract, claims and customer topics. */
async function tellTheDay() {
  const quotes = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  for (const quoteId of quotes) {
    await producer.event('sales.quote-issued', quoteId, {
      ...eventFixtures['sales.quote-issued'],
      quoteId,
      salespersonId,
      productCode: 'TL20',
      channel: 'agent',
      issuedAt: now(),
    });
  }
  for (const [i, premium] of [100_000, 50_000].entries()) {
    const applicationId = randomUUID();
    const policyId = randomUUID();
    policies.push(policyId);
    await producer.event('sales.application-submitted', applicationId, {
      ...eventFixtures['sales.application-submitted'],
      applicationId,
      quoteId: quotes[i],
      salespersonId,
    });
    await producer.event('contract.policy-issued', policyId, {
      ...eventFixtures['contract.policy-issued'],
      policyId,
      applicationId,
      salespersonId,
      productCode: 'TL20',
      channel: 'agent',
      premiumFen: premium,
      issuedAt: now(),
    });
    sent[`premium${i}`] = await producer.event('contract.premium-paid', policyId, {
      ...eventFixtures['contract.premium-paid'],
      paymentId: randomUUID(),
      policyId,
      amountFen: premium,
      isFirstPremium: true,
      policyYear: 1,
      paidAt: now(),
    });
  }
  await producer.event('contract.policy-withdrawn', policies[1], {
    ...eventFixtures['contract.policy-withdrawn'],
    policyId: policies[1],
    premiumPaidFen: 50_000,
    refundFen: 49_000,
    withdrawnOn: today,
  });
  for (const [i, reached] of [true, false].entries()) {
    const visitId = randomUUID();
    await producer.event('sales.return-visit-scheduled', policies[i], {
      visitId,
      policyId: policies[i],
      customerId: randomUUID(),
      dueOn: today,
      scheduledAt: now(),
    });
    await producer.event('sales.return-visit-completed', policies[i], {
      ...eventFixtures['sales.return-visit-completed'],
      visitId,
      policyId: policies[i],
      salespersonId,
      reached,
      identityConfirmed: reached,
      termsUnderstood: reached,
      wantsToWithdraw: false,
      dueOn: today,
      completedAt: now(),
    });
  }
  const claimId = randomUUID();
  await reportClaim(claimId);
  await producer.event('claims.claim-approved', claimId, {
    ...eventFixtures['claims.claim-approved'],
    claimId,
    policyId: policies[0],
    decidedAt: now(),
  });
  sent.claimPaid = await producer.event('claims.claim-paid', claimId, {
    ...eventFixtures['claims.claim-paid'],
    claimId,
    policyId: policies[0],
    amountFen: 30_000,
    paidAt: now(),
  });
  await producer.event('customer.complaint-opened', randomUUID(), {
    ...eventFixtures['customer.complaint-opened'],
    ticketId: randomUUID(),
    policyId: policies[0],
    salespersonId,
    openedAt: now(),
  });
  for (const [csat, nps] of [
    [5, 10],
    [2, 3],
  ]) {
    await producer.event('customer.survey-answered', randomUUID(), {
      ...eventFixtures['customer.survey-answered'],
      surveyId: randomUUID(),
      salespersonId,
      policyId: policies[0],
      csat,
      nps,
      answeredAt: now(),
    });
  }
}

const expected = {
  newPolicies: 2,
  newBusinessPremiumFen: 150_000,
  quotes: 4,
  quoteToPolicyConversion: 0.5,
  coolingOffWithdrawalRate: 0.5,
  returnVisitSuccessRate: 0.5,
  claimsPaid: 1,
  claimCycleDays: 0,
  lossRatio: 0.2,
  csat: 3.5,
  nps: 0,
};

beforeAll(async () => {
  started = await startServiceUnderTest(service, { clock });
  api = new HttpClient(started.url);
  producer = await new TestProducer(kafka).start();
  await tellTheDay();
  await waitFor(
    async () => {
      const k = await mine();
      // Every fact of the day, since its events travel on different topics and partitions.
      return (
        k &&
        k.quotes === 4 &&
        k.newPolicies === 2 &&
        // Two applications name two of the quotes: both must be in before conversion is final.
        (k.quoteToPolicyConversion ?? 0) >= 0.5 &&
        k.claimsPaid === 1 &&
        k.csat === 3.5 &&
        k.returnVisitSuccessRate === 0.5 &&
        k.coolingOffWithdrawalRate === 0.5
      );
    },
    { timeoutMs: 60_000, description: 'the projections to reach the day' },
  );
});

afterAll(async () => {
  await producer?.stop();
  await started?.app.close();
});

describe('KPIs from events across the topics', () => {
  it('gives the hand-computed figures for the salesperson’s day', async () => {
    expect(await mine()).toMatchObject(expected);
  });

  it('changes no figure when events are redelivered', async () => {
    const before = await mine();
    // Each copy is read and reported as a duplicate before the figures are compared again.
    await redeliverAndAwaitDuplicate(started.url, 'contract.premium-paid', () =>
      producer.redeliver(sent.premium0),
    );
    await redeliverAndAwaitDuplicate(started.url, 'claims.claim-paid', () =>
      producer.redeliver(sent.claimPaid),
    );
    expect(await mine()).toEqual(before);
  });

  it('rebuilds every projection from the topics without stopping, to the same figures', async () => {
    const before = (await api.get(`/kpis?from=${today}&to=${today}&by=salesperson`, analyst)).body;
    const generations = (await api.get('/projections', analyst)).body as {
      generation: number;
      status: string;
    }[];
    const active = generations.find((g) => g.status === 'active')?.generation as number;
    const rebuild = await api.post('/projections/rebuild', {}, admin);
    expect(rebuild.status).toBe(201);
    expect(rebuild.body.generation).toBe(active + 1);
    expect((await api.post('/projections/rebuild', {}, admin)).status).toBe(409);
    // The service keeps answering while the new generation fills.
    expect((await api.get(`/kpis?from=${today}&to=${today}`, analyst)).status).toBe(200);
    await waitFor(
      async () =>
        ((await api.get('/projections', analyst)).body as { generation: number; status: string }[]).some(
          (g) => g.generation === active + 1 && g.status === 'active',
        ),
      { timeoutMs: 90_000, description: 'the rebuilt generation to become active' },
    );
    const after = (await api.get(`/kpis?from=${today}&to=${today}&by=salesperson`, analyst)).body;
    expect(after).toEqual(before);
  });

  it('exports CSV and compares with the period before', async () => {
    const csv = await fetch(`${started.url}/kpis.csv?from=${today}&to=${today}&by=salesperson`, {
      headers: { authorization: `Bearer ${analyst}` },
    });
    const text = await csv.text();
    expect(text.split('\n')[0]).toMatch(
      /^salesperson,newBusinessPremiumFen,newPolicies,quotes,quoteToPolicyConversion/,
    );
    expect(text).toContain(`${salespersonId},150000,2,4,0.5,0.5`);
    const compare = await api.get(`/kpis/compare?from=${today}&to=${today}`, analyst);
    expect(compare.body.previous).toMatchObject({ from: addDays(today, -1), to: addDays(today, -1) });
    expect(compare.body.current.kpis).toMatchObject({ newPolicies: 2, newBusinessPremiumFen: 150_000 });
    expect(compare.body.previous.kpis).toMatchObject({ newPolicies: 0, newBusinessPremiumFen: 0 });
    expect(compare.body.change).toMatchObject({ newPolicies: 2, newBusinessPremiumFen: 150_000 });
  });

  it('drills down to one salesperson, draws premium by channel over time, and ages claims against their deadlines', async () => {
    // A slice is the salesperson's own figures, as the by-salesperson breakdown gives them.
    const sliced = await api.get(`/kpis?from=${today}&to=${today}&salesperson=${salespersonId}`, analyst);
    expect(sliced.status).toBe(200);
    expect(sliced.body.slice).toEqual({ salesperson: salespersonId });
    expect(sliced.body.total).toEqual(await mine());
    const nobody = await api.get(`/kpis?from=${today}&to=${today}&salesperson=S-NOBODY`, analyst);
    expect(nobody.body.total).toMatchObject({ newPolicies: 0, newBusinessPremiumFen: 0, quotes: 0 });
    const comparedSlice = await api.get(
      `/kpis/compare?from=${today}&to=${today}&channel=agent&salesperson=${salespersonId}`,
      analyst,
    );
    expect(comparedSlice.body.current.kpis).toMatchObject({ newPolicies: 2 });

    // Premium received by channel over three days: the day's two first premiums, nothing the days around it.
    const from = addDays(today, -1);
    const to = addDays(today, 1);
    const series = await api.get(
      `/kpis/premium-series?from=${from}&to=${to}&by=channel&salesperson=${salespersonId}`,
      analyst,
    );
    expect(series.body).toEqual({
      from,
      to,
      by: 'channel',
      days: [from, today, to],
      series: [{ key: 'agent', fen: [0, 150_000, 0], totalFen: 150_000 }],
    });
    const tooLong = await api.get(`/kpis/premium-series?from=2020-01-01&to=2022-01-01&by=product`, analyst);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([
      expect.objectContaining({ pointer: '/to', rule: 'REQUEST.PERIOD_TOO_LONG' }),
    ]);

    // Two more claims on the salesperson's policy: one being decided with 3 days left, one rejected.
    const deciding = randomUUID();
    const rejected = randomUUID();
    for (const claimId of [deciding, rejected]) await reportClaim(claimId);
    await producer.event('claims.documents-completed', deciding, {
      claimId: deciding,
      completedAt: now(),
      decisionDueOn: addDays(today, 3),
    });
    await producer.event('claims.claim-rejected', rejected, {
      ...eventFixtures['claims.claim-rejected'],
      claimId: rejected,
      policyId: policies[0],
      decidedAt: now(),
    });
    type Stage = {
      stage: string;
      count: number;
      byDeadline: Record<string, number> | null;
      inTime: number | null;
    };
    const ageing = await waitFor(
      async () => {
        const res = await api.get(`/claims-ageing?asOf=${today}&salesperson=${salespersonId}`, analyst);
        const rows = res.body.rows as Stage[];
        const count = (stage: string) => rows.find((r) => r.stage === stage)?.count;
        return count('deciding') === 1 && count('rejected') === 1 ? rows : undefined;
      },
      { timeoutMs: 30_000, description: 'the claims to reach the ageing view' },
    );
    const row = (stage: string) => ageing.find((r) => r.stage === stage);
    expect(row('deciding')).toMatchObject({ count: 1, byDeadline: { due_soon: 1, overdue: 0, on_track: 0 } });
    expect(row('paid')).toMatchObject({ count: 1, inTime: 1 });
    expect(row('rejected')).toMatchObject({ count: 1, inTime: 1 });
    expect(row('awaiting_documents')).toMatchObject({ count: 0 });
    // Four days later the decision is overdue.
    const later = await api.get(
      `/claims-ageing?asOf=${addDays(today, 4)}&salesperson=${salespersonId}`,
      analyst,
    );
    expect((later.body.rows as Stage[]).find((r) => r.stage === 'deciding')?.byDeadline).toMatchObject({
      overdue: 1,
    });
  });

  it('tracks an improvement action against the live KPI and flags it overdue', async () => {
    const action = {
      kpi: 'lossRatio',
      title: `cut claims leakage ${salespersonId}`,
      baseline: 0,
      target: 1,
      owner: 'claims-director',
      dueOn: today,
    };
    // Values no loss ratio takes, and a due date already past, are refused with their fields.
    const refused = await api.post(
      '/improvement-actions',
      { ...action, baseline: -9.2e18, target: 1e308, dueOn: addDays(today, -1) },
      analyst,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/baseline',
      '/target',
      '/dueOn',
    ]);
    const created = await api.post('/improvement-actions', action, analyst);
    expect(created.status).toBe(201);
    // The next day the action is overdue.
    const start = clock.now();
    clock.set(new Date(start.getTime() + 86_400_000));
    try {
      const actions = (await api.get('/improvement-actions', analyst)).body as {
        actionId: string;
        current: number | null;
        progress: number | null;
        overdue: boolean;
      }[];
      const tracked = actions.find((a) => a.actionId === created.body.actionId);
      // The last 30 days hold the day's CNY 300 paid against CNY 1,500 of premium: 0.2, a fifth of the way to 1.
      expect(tracked).toMatchObject({ current: 0.2, progress: 0.2, overdue: true });
    } finally {
      clock.set(start);
    }
  });
});

describe('the dashboard in a real browser', () => {
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
  });

  it('renders the KPI cards, charts and actions from the API, in Chinese by default and in English', async () => {
    if (!existsSync('/usr/bin/chromium'))
      throw new Error('Chromium is missing: npm test installs it (apt-get install chromium)');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    // A browser in New York: the page still counts Shanghai days and shows Shanghai time.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'America/New_York',
      locale: 'en-US',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${started.url}/dashboard#token=${analyst}&from=${today}&to=${today}&by=salesperson`);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    const totals = (await api.get(`/kpis?from=${today}&to=${today}`, analyst)).body.total;
    // The day's own figures, and the page agrees with the API, formatted for the language shown.
    expect(totals).toMatchObject({ newPolicies: 2, newBusinessPremiumFen: 150_000, csat: 3.5 });
    const value = (kpi: string) => page.textContent(`[data-kpi="${kpi}"] .value`);
    const label = (kpi: string) => page.textContent(`[data-kpi="${kpi}"] .label`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await label('newPolicies')).toBe('新单件数');
    expect(await value('newPolicies')).toBe(String(totals.newPolicies));
    expect(await value('newBusinessPremiumFen')).toBe(
      new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
        totals.newBusinessPremiumFen / 100,
      ),
    );
    expect(await value('csat')).toBe(String(totals.csat));
    // Against the previous period of the same length, as /kpis/compare gives it: the day before had nothing.
    const compared = (await api.get(`/kpis/compare?from=${today}&to=${today}`, analyst)).body;
    expect(compared.change.newPolicies).toBe(totals.newPolicies);
    expect(await page.textContent('[data-kpi="newPolicies"] .delta')).toBe(
      `较上期 +${compared.change.newPolicies}`,
    );
    expect(await page.textContent('#status')).toContain('(UTC+8)');
    expect(await page.isHidden('#empty')).toBe(true);
    // ECharts drew both charts into canvases.
    expect(await page.locator('#trend canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#breakdown canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#ratios canvas').count()).toBeGreaterThan(0);
    expect(await page.textContent('#actions tbody')).toContain(`cut claims leakage ${salespersonId}`);
    // Premium by channel over time, and the claims of the day against their statutory deadlines, as the API has them.
    expect(await page.locator('#premium-series canvas').count()).toBeGreaterThan(0);
    const ageing = (await api.get(`/claims-ageing?asOf=${today}`, analyst)).body as {
      rows: { stage: string; count: number; byDeadline: Record<string, number> | null }[];
    };
    const deciding = ageing.rows.find((r) => r.stage === 'deciding');
    expect(deciding?.count).toBeGreaterThan(0);
    const decidingCells = await page.locator('#claims tr[data-stage="deciding"] td').allTextContents();
    expect(decidingCells.slice(0, 2)).toEqual(['核定中（30日时限）', String(deciding?.count)]);
    expect(decidingCells[7]).toBe(String(deciding?.byDeadline?.due_soon));
    expect(await page.isHidden('#claims-empty')).toBe(true);
    // The loss-ratio action's target is drawn on the loss-ratio trend (the database may hold other runs' actions).
    const targets = (await page.evaluate(
      "echarts.getInstanceByDom(document.getElementById('ratios')).getOption().series" +
        '.map((s) => ({ name: s.name, targets: ((s.markLine && s.markLine.data) || []).map((d) => [d.name, d.yAxis]) }))',
    )) as { name: string; targets: [string, number][] }[];
    expect(targets.find((t) => t.name === '赔付率')?.targets).toContainEqual([
      `cut claims leakage ${salespersonId}`,
      1,
    ]);
    // An accessibility check: no serious or critical violation (axe-core).
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(
      axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);

    // The CSV of what is shown is the API's.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    const fromApi = await fetch(`${started.url}/kpis.csv?from=${today}&to=${today}&by=salesperson`, {
      headers: { authorization: `Bearer ${analyst}` },
    });
    expect(csv).toBe(await fromApi.text());

    const shots = join(repoRoot(), '.cache', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'dashboard-zh.png'), fullPage: true });

    // Drill-down: a click on the salesperson's bar narrows every figure to them, until cleared.
    await page.evaluate("document.body.dataset.loaded = 'false'");
    await page.evaluate(
      `echarts.getInstanceByDom(document.getElementById('breakdown')).trigger('click', { name: ${JSON.stringify(salespersonId)} })`,
    );
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    expect(await page.isVisible('#slice')).toBe(true);
    expect(await page.textContent('#slice-text')).toBe(`当前筛选：销售人员 ${salespersonId}`);
    const slicedTotals = (
      await api.get(`/kpis?from=${today}&to=${today}&salesperson=${salespersonId}`, analyst)
    ).body.total;
    expect(await value('newPolicies')).toBe(String(slicedTotals.newPolicies));
    expect(await value('csat')).toBe(String(slicedTotals.csat));
    const [slicedDownload] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    expect(readFileSync((await slicedDownload.path()) as string, 'utf8')).toBe(
      await (
        await fetch(
          `${started.url}/kpis.csv?from=${today}&to=${today}&by=salesperson&salesperson=${salespersonId}`,
          {
            headers: { authorization: `Bearer ${analyst}` },
          },
        )
      ).text(),
    );
    await page.evaluate("document.body.dataset.loaded = 'false'");
    await page.click('#slice-clear');
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    expect(await page.isHidden('#slice')).toBe(true);

    // English, by the switch: the same figures.
    await page.evaluate("document.body.dataset.loaded = 'false'");
    await page.selectOption('#lang', 'en');
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await label('newPolicies')).toBe('New policies');
    expect(await page.textContent('[data-kpi="newPolicies"] .delta')).toBe(
      `vs previous period +${compared.change.newPolicies}`,
    );
    expect(await value('newBusinessPremiumFen')).toBe(
      new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
        totals.newBusinessPremiumFen / 100,
      ),
    );
    await page.screenshot({ path: join(shots, 'dashboard-en.png'), fullPage: true });

    // A period with no business says so, rather than showing a blank page.
    const quiet = '2001-01-01'; // before any test's data
    await page.goto(`${started.url}/dashboard#token=${analyst}&from=${quiet}&to=${quiet}&lang=en`);
    await page.reload();
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    expect(await page.isVisible('#empty')).toBe(true);
    expect(await page.textContent('#empty')).toContain(quiet);
    // Each empty analysis says why.
    expect(await page.textContent('#series-empty')).toBe(
      `No premium received between ${quiet} and ${quiet}.`,
    );
    expect(await page.textContent('#claims-empty')).toBe(`No claims reported by ${quiet}.`);
  });
});
