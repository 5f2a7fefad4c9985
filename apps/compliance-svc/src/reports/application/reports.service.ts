import { Inject, Injectable } from '@nestjs/common';
import { Between, DataSource } from 'typeorm';
import { Clock } from '@insurer/platform-time';
import { AmlTransactionEntity } from '../../monitoring/infrastructure/monitoring.entity';

export const REPORTING_INSTITUTION = Symbol('REPORTING_INSTITUTION');

export interface ReportingInstitution {
  readonly code: string;
  readonly name: string;
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

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
    @Inject(REPORTING_INSTITUTION) private readonly institution: ReportingInstitution,
  ) {}

  /**
   * The large-value and suspicious transaction register of a period, with the fields a regulator's report carries
   * (PBoC Order 2016 No. 3): reporting institution, customer identity reference, transaction time, amount and
   * currency, direction, counterparty, means of payment; and what raised it.
   */
  async amlTransactions(from: string, to: string) {
    const [start, end] = bounds(from, to);
    const rows = await this.dataSource.manager.find(AmlTransactionEntity, {
      where: { occurredAt: Between(start, new Date(end.getTime() - 1)) },
      order: { occurredAt: 'ASC', transactionId: 'ASC' },
    });
    return rows.map((r) => ({
      institutionCode: this.institution.code,
      institutionName: this.institution.name,
      transactionId: r.transactionId,
      kind: r.kind,
      ruleId: r.ruleId,
      // The customer's identity is held by customer-svc; the report refers to it by the customer id.
      customerRef: r.partyId,
      occurredAt: r.occurredAt.toISOString(),
      amountFen: r.amountFen,
      currency: r.currency,
      currencyAmountMinor: r.currencyAmountMinor,
      direction: r.direction,
      counterparty: r.counterparty,
      method: r.method,
      purpose: r.purpose,
      policyId: r.policyId,
      alertId: r.alertId,
    }));
  }

  toCsv(rows: Awaited<ReturnType<ReportsService['amlTransactions']>>): string {
    const header = [
      'institution_code',
      'institution_name',
      'transaction_id',
      'kind',
      'rule_id',
      'customer_ref',
      'transaction_time',
      'amount_cny',
      'currency',
      'amount_in_currency',
      'direction',
      'counterparty',
      'means_of_payment',
      'purpose',
      'policy_id',
      'alert_id',
    ].join(',');
    const lines = rows.map((r) =>
      [
        r.institutionCode,
        r.institutionName,
        r.transactionId,
        r.kind,
        r.ruleId,
        r.customerRef,
        r.occurredAt,
        (r.amountFen / 100).toFixed(2),
        r.currency,
        r.currencyAmountMinor === null ? '' : (r.currencyAmountMinor / 100).toFixed(2),
        r.direction,
        r.counterparty ?? '',
        r.method,
        r.purpose,
        r.policyId ?? '',
        r.alertId,
      ]
        .map(csvField)
        .join(','),
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
