import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@insurer/platform-time';

/** Instants bounding a period of Shanghai calendar days, inclusive. */
function bounds(from: string, to: string): [Date, Date] {
  return [
    new Date(`${from}T00:00:00+08:00`),
    new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000),
  ];
}

/** Compliance reports (manual 7.4): the AML transaction register for a period and the audit summary. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async amlTransactions(from: string, to: string) {
    const [start, end] = bounds(from, to);
    const rows: {
      transaction_id: string;
      kind: string;
      rule_id: string;
      amount_fen: string;
      method: string;
      party_id: string;
      occurred_at: Date;
      alert_id: string;
    }[] = await this.dataSource.query(
      `SELECT transaction_id, kind, rule_id, amount_fen, method, party_id, occurred_at, alert_id
         FROM compliance.aml_transaction WHERE occurred_at >= $1 AND occurred_at < $2 ORDER BY occurred_at, transaction_id`,
      [start, end],
    );
    return rows.map((r) => ({
      transactionId: r.transaction_id,
      kind: r.kind,
      ruleId: r.rule_id,
      amountFen: Number(r.amount_fen),
      method: r.method,
      partyId: r.party_id,
      occurredAt: new Date(r.occurred_at).toISOString(),
      alertId: r.alert_id,
    }));
  }

  toCsv(rows: Awaited<ReturnType<ReportsService['amlTransactions']>>): string {
    const header = 'transaction_id,kind,rule_id,amount_cny,method,party_id,occurred_at,alert_id';
    const lines = rows.map((r) =>
      [
        r.transactionId,
        r.kind,
        r.ruleId,
        (r.amountFen / 100).toFixed(2),
        r.method,
        r.partyId,
        r.occurredAt,
        r.alertId,
      ].join(','),
    );
    return [header, ...lines].join('\n') + '\n';
  }

  async summary(from: string, to: string) {
    const [start, end] = bounds(from, to);
    const byRule: { rule_id: string; alerts: number }[] = await this.dataSource.query(
      `SELECT rule_id, count(*)::int AS alerts FROM compliance.alert WHERE raised_at >= $1 AND raised_at < $2 GROUP BY rule_id ORDER BY rule_id`,
      [start, end],
    );
    const [closing] = await this.dataSource.query(
      `SELECT count(*)::int AS closed, avg(extract(epoch FROM closed_at - opened_at) / 3600)::float AS hours
       FROM compliance.compliance_case WHERE closed_at >= $1 AND closed_at < $2`,
      [start, end],
    );
    const now = this.clock.now();
    const open: { bucket: string; cases: number }[] = await this.dataSource.query(
      `SELECT CASE WHEN $1::timestamptz - opened_at < interval '7 days' THEN 'under_7_days'
                   WHEN $1::timestamptz - opened_at < interval '30 days' THEN '7_to_30_days'
                   ELSE 'over_30_days' END AS bucket, count(*)::int AS cases
       FROM compliance.compliance_case WHERE status <> 'closed' GROUP BY 1 ORDER BY 1`,
      [now],
    );
    return {
      from,
      to,
      alertsByRule: Object.fromEntries(byRule.map((r) => [r.rule_id, r.alerts])),
      casesClosed: closing.closed,
      averageHoursToClose: closing.hours === null ? null : Math.round(closing.hours * 10) / 10,
      openCasesByAge: Object.fromEntries(open.map((o) => [o.bucket, o.cases])),
    };
  }
}
