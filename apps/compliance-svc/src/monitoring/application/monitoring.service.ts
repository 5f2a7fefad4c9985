import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { changesIdentity, type DomainEvent, type EventOf } from '@insurer/contracts';
import { queueWrite, rowSetInsert } from '@insurer/platform-database';
import { causeOf } from '@insurer/platform-messaging';
import { Clock, addDays, shanghaiDate } from '@insurer/platform-time';
import { AuditService } from '../../audit/application/audit.service';
import {
  annualPremiumFen,
  declaredIncomeOf,
  evaluate,
  moneyFlowOf,
  statedRelationship,
  type AwaitingPremium,
  type MoneyFlow,
  type RuleContext,
  type RuleVersion,
} from '../domain/rules';
import { AlertRaiser } from './alert-raiser';
import { RuleTable } from './rule-table';

/** A kept third-party premium as read for the payer rule (`compliance.third_party_premium`, aliased `t`). */
const AWAITING_COLUMNS = `t.event_id AS "eventId", t.payment_id AS "paymentId", t.payer_id AS "payerId",
  t.amount_fen AS "amountFen", t.flow`;
interface AwaitingRow {
  eventId: string;
  paymentId: string;
  payerId: string;
  amountFen: string;
  flow: MoneyFlow;
}
const awaitingPremium = (row: AwaitingRow, relationship: string | null): AwaitingPremium => ({
  eventId: row.eventId,
  paymentId: row.paymentId,
  payerId: row.payerId,
  amountFen: Number(row.amountFen),
  flow: row.flow,
  relationship,
});

/** The policy-to-application link's row-set columns, one array so its statement is made once (`rowSetInsert`). */
const POLICY_PAYER_COLUMNS = [{ name: 'policy_id' }, { name: 'application_id' }] as const;

/**
 * Watches every event: appends it to the audit chain, keeps the window state rules need in Postgres (so a restart
 * neither forgets nor repeats), checks it against every rule version in effect on the event's date, and raises each
 * finding once (a unique key per finding), opening a case and updating the subject's risk score. A rule whose facts
 * come on different topics looks from whichever is applied second for the first: runs of different partitions are
 * applied concurrently, but each first locks the audit chain's tip (`appendAll`, before any rule's read) and holds it
 * to its commit, so the later of two runs reads what the earlier wrote.
 */
@Injectable()
export class MonitoringService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly rules: RuleTable,
    private readonly alerts: AlertRaiser,
  ) {}

  async onEvent(m: EntityManager, event: DomainEvent, topic: string): Promise<void> {
    await this.onEvents(m, [event], topic);
  }

  /**
   * A run of events: the audit chain extended once for the run, then each event's state and rules in turn. An issued
   * policy's link to its application is read only when a premium payment is judged, so a run without one links all
   * its issued policies in one statement first; a run with one keeps them in turn, as the payment must not see a
   * policy issued after it.
   */
  async onEvents(m: EntityManager, events: readonly DomainEvent[], topic: string): Promise<void> {
    await this.audit.appendAll(m, events, topic);
    const issued = events.filter(
      (e): e is EventOf<'contract.policy-issued'> => e.type === 'contract.policy-issued',
    );
    const linkedAhead = issued.length > 1 && !events.some((e) => e.type === 'contract.premium-paid');
    if (linkedAhead) await this.linkPolicies(m, issued);
    // Each event's state is queued and its rules' reads issued in turn, none waiting for an answer: statements go
    // out in the order issued, so an event's reads follow the state of the events before it and precede that of the
    // events after it, as when each was judged alone, and the run's reads cost one round trip between them. Findings
    // are raised after, in order; raising writes only alerts, cases and scores, which no rule's context reads.
    const judged: { event: DomainEvent; rules: readonly RuleVersion[]; context: Promise<RuleContext> }[] = [];
    for (const event of events) {
      await this.keepState(m, event, linkedAhead);
      const day = shanghaiDate(new Date(event.occurredAt));
      // The departure-notice rule is in the list too: it finds nothing on an event (the sweep checks it).
      const rules = await this.rules.rulesOn(m, day);
      const context = this.contextFor(m, event, rules);
      // Awaited below; should something fail first, the run fails with that and this is not left unhandled.
      context.catch(() => undefined);
      judged.push({ event, rules, context });
    }
    // Third parties' premiums that came before their policy's issue (a first premium is published just before it),
    // judged on the issue if the application is known: one read for the run's issued policies, issued after every
    // event's state so it sees the premiums and links the run keeps.
    const awaiting = issued.length ? this.premiumsAwaiting(m, issued) : undefined;
    awaiting?.catch(() => undefined);
    // Where each premium of the run stands in it: one later than its policy's issue is judged on its own (the policy
    // linked by then), not on the issue.
    const paidAt = new Map<string, number>();
    if (awaiting)
      events.forEach((e, i) => {
        if (e.type === 'contract.premium-paid') paidAt.set(e.payload.paymentId, i);
      });
    for (const [i, { event, rules, context }] of judged.entries()) {
      const ctx = await context;
      if (event.type === 'contract.policy-issued' && awaiting) {
        const premiums = ((await awaiting).get(event.payload.policyId) ?? []).filter(
          (p) => (paidAt.get(p.paymentId) ?? -1) < i,
        );
        await this.raise(m, event, rules, { ...ctx, premiumsAwaitingStatement: premiums });
      } else {
        await this.raise(m, event, rules, ctx);
      }
    }
  }

  /** The kept third-party premiums of these policies, with the statement of each policy's application, by policy. */
  private async premiumsAwaiting(
    m: EntityManager,
    issued: readonly EventOf<'contract.policy-issued'>[],
  ): Promise<Map<string, AwaitingPremium[]>> {
    const rows = (await m.query(
      `SELECT ${AWAITING_COLUMNS}, t.policy_id AS "policyId", a.payer_id AS "namedPayerId",
              a.payer_relationship AS relationship
         FROM compliance.third_party_premium t
         JOIN compliance.policy_payer p USING (policy_id)
         JOIN compliance.application_payer a USING (application_id)
        WHERE t.policy_id = ANY($1::uuid[])`,
      [issued.map((e) => e.payload.policyId)],
    )) as (AwaitingRow & { policyId: string; namedPayerId: string; relationship: string })[];
    const byPolicy = new Map<string, AwaitingPremium[]>();
    for (const t of rows) {
      const premium = awaitingPremium(
        t,
        statedRelationship({ payerId: t.namedPayerId, relationship: t.relationship }, t.payerId),
      );
      byPolicy.set(t.policyId, [...(byPolicy.get(t.policyId) ?? []), premium]);
    }
    return byPolicy;
  }

  private async linkPolicies(m: EntityManager, issued: readonly EventOf<'contract.policy-issued'>[]) {
    const { sql, json } = rowSetInsert(
      'compliance.policy_payer',
      POLICY_PAYER_COLUMNS,
      issued.map((e) => [e.payload.policyId, e.payload.applicationId]),
    );
    await queueWrite(m, `${sql} ON CONFLICT DO NOTHING`, [json]);
  }

  private async raise(
    m: EntityManager,
    event: DomainEvent,
    rules: readonly RuleVersion[],
    ctx: RuleContext,
  ): Promise<void> {
    for (const rule of rules) {
      for (const finding of evaluate(rule, event, ctx)) {
        await this.alerts.raise(
          m,
          rule,
          finding,
          finding.about ? [finding.about.eventId, event.eventId] : [event.eventId],
          new Date(finding.about?.occurredAt ?? event.occurredAt),
          causeOf(event),
        );
      }
    }
  }

  /** Facts of a party's state in one upsert, the row made on the first (the columns are the table's, never input). */
  private keepParty(
    m: EntityManager,
    customerId: string,
    facts: Partial<
      Record<'declared_income_fen' | 'identity_verified_at' | 'identity_rejected_at', number | Date | null>
    >,
  ): Promise<void> {
    const columns = Object.keys(facts);
    return queueWrite(
      m,
      `INSERT INTO compliance.party_state (customer_id, ${columns.join(', ')}, updated_at)
       VALUES ($1, ${columns.map((_, i) => `$${i + 3}`).join(', ')}, $2)
       ON CONFLICT (customer_id) DO UPDATE
         SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = EXCLUDED.updated_at`,
      [customerId, this.clock.now(), ...Object.values(facts)],
    );
  }

  /** The state rules read later; every write here goes with the transaction's next statement (nothing waits). */
  private async keepState(m: EntityManager, event: DomainEvent, policiesLinked: boolean): Promise<void> {
    const flow = moneyFlowOf(event);
    if (flow)
      await queueWrite(
        m,
        `INSERT INTO compliance.aml_flow (flow_id, party_id, policy_id, direction, purpose, amount_fen, method, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [
          event.eventId,
          flow.partyId,
          flow.policyId,
          flow.direction,
          flow.purpose,
          flow.amountFen,
          flow.method,
          new Date(flow.occurredAt),
        ],
      );
    const declared = declaredIncomeOf(event);
    if (declared) await this.keepParty(m, declared.customerId, { declared_income_fen: declared.incomeFen });
    switch (event.type) {
      case 'customer.identity-verified':
        await this.keepParty(m, event.payload.customerId, {
          identity_verified_at: new Date(event.payload.verifiedAt),
        });
        break;
      case 'customer.identity-rejected':
        // Verified is what customer-svc holds now: a later failed check, or a changed identity, undoes it.
        await this.keepParty(m, event.payload.customerId, {
          identity_rejected_at: new Date(event.payload.rejectedAt),
          identity_verified_at: null,
        });
        break;
      case 'customer.profile-updated':
        if (changesIdentity(event.payload.changedFields))
          await this.keepParty(m, event.payload.customerId, { identity_verified_at: null });
        break;
      case 'sales.application-submitted':
        await queueWrite(
          m,
          `INSERT INTO compliance.application_payer
             (application_id, policyholder_id, payer_id, payer_relationship, submitted_at, annual_premium_fen)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [
            event.payload.applicationId,
            event.payload.policyholderId,
            event.payload.payerId,
            event.payload.payerRelationship,
            new Date(event.payload.submittedAt),
            annualPremiumFen(event.payload),
          ],
        );
        break;
      case 'contract.premium-paid':
        // Kept for the third-party payer rule, which may have to judge it when the application is known.
        if (event.payload.payerIsPolicyholder || !flow) break;
        await queueWrite(
          m,
          `INSERT INTO compliance.third_party_premium (payment_id, event_id, policy_id, payer_id, amount_fen, flow)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [
            event.payload.paymentId,
            event.eventId,
            event.payload.policyId,
            event.payload.payerId,
            event.payload.amountFen,
            JSON.stringify(flow),
          ],
        );
        break;
      case 'contract.policy-issued':
        if (policiesLinked) break;
        await queueWrite(
          m,
          `INSERT INTO compliance.policy_payer (policy_id, application_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [event.payload.policyId, event.payload.applicationId],
        );
        break;
      case 'sales.salesperson-registered': {
        const s = event.payload;
        // A producer from before the per-year hours announced this year's only.
        const byYear = s.trainingHoursByYear ?? {
          [shanghaiDate(new Date(s.registeredAt)).slice(0, 4)]: s.trainingHoursThisYear,
        };
        await queueWrite(
          m,
          `INSERT INTO compliance.salesperson_state
             (salesperson_id, grade, licence_valid_until, training_hours_by_year, service_started_on, status, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (salesperson_id) DO UPDATE SET grade = $2, licence_valid_until = $3,
             training_hours_by_year = $4, service_started_on = $5, status = $6, updated_at = $7`,
          [
            s.salespersonId,
            s.grade,
            s.licenceValidUntil,
            JSON.stringify(byYear),
            s.serviceStartedOn ?? null,
            s.status,
            this.clock.now(),
          ],
        );
        break;
      }
      case 'sales.salesperson-departed':
        for (const a of event.payload.affected) {
          await queueWrite(
            m,
            `INSERT INTO compliance.departure_task (salesperson_id, policy_id, customer_id, due_on, departure_event_id)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
            [event.payload.salespersonId, a.policyId, a.customerId, event.payload.noticeDueOn, event.eventId],
          );
        }
        break;
      case 'sales.departure-notice-sent':
        await queueWrite(
          m,
          `UPDATE compliance.departure_task SET notified_at = $3 WHERE salesperson_id = $1 AND policy_id = $2`,
          [event.payload.salespersonId, event.payload.policyId, new Date(event.payload.sentAt)],
        );
        break;
      case 'contract.policy-surrendered':
        await queueWrite(
          m,
          `INSERT INTO compliance.surrender_log (policy_id, policyholder_id, surrendered_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [event.payload.policyId, event.payload.policyholderId, event.payload.surrenderedOn],
        );
        break;
      // A new policyholder is a change of the contract too: frequent_changes counts it with the endorsements.
      case 'contract.policy-endorsed':
      case 'contract.policyholder-changed':
        await queueWrite(
          m,
          `INSERT INTO compliance.endorsement_log (policy_id, policy_version, endorsed_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [event.payload.policyId, event.payload.policyVersion, changedOn(event)],
        );
        break;
      default:
        break;
    }
  }

  /**
   * A sale carrying its salesperson's standing is judged on it (rules.ts): no replica to read. Otherwise the read is
   * issued at once (see `contextFor`).
   */
  private async salespersonContext(
    m: EntityManager,
    sale: { salespersonId: string; salespersonStanding?: unknown },
  ): Promise<RuleContext> {
    if (sale.salespersonStanding) return {};
    const salespersonId = sale.salespersonId;
    const [row] = await m.query(
      `SELECT grade, licence_valid_until::text AS "licenceValidUntil", training_hours_by_year AS "hoursByYear",
              service_started_on::text AS "serviceStartedOn", status
       FROM compliance.salesperson_state WHERE salesperson_id = $1`,
      [salespersonId],
    );
    const person = row && {
      grade: row.grade,
      licenceValidUntil: row.licenceValidUntil,
      training: { hoursByYear: row.hoursByYear, serviceStartedOn: row.serviceStartedOn },
      status: row.status,
    };
    return { salesperson: () => person };
  }

  /**
   * What the rules read about an event. Every read is issued before this first awaits anything (`onEvents` queues the
   * next event's state right after), so each sees the state as of this event.
   */
  private async contextFor(
    m: EntityManager,
    event: DomainEvent,
    rules: readonly RuleVersion[],
  ): Promise<RuleContext> {
    const windowOf = (kind: string, fallback: number) => {
      const days = rules.find((r) => r.kind === kind)?.parameters.windowDays;
      return typeof days === 'number' ? days : fallback;
    };
    const flow = moneyFlowOf(event);
    if (flow) {
      const [flows, stated] = (await Promise.all([
        m.query(
          `SELECT amount_fen AS "amountFen", occurred_at AS "occurredAt" FROM compliance.aml_flow
            WHERE party_id = $1 AND direction = $2 AND occurred_at > $3::timestamptz - make_interval(days => $4)
              AND occurred_at < $3::timestamptz + make_interval(days => $4)`,
          [flow.partyId, flow.direction, new Date(flow.occurredAt), windowOf('aml_structuring', 7)],
        ),
        event.type === 'contract.premium-paid' && !event.payload.payerIsPolicyholder
          ? m.query(
              `SELECT a.payer_id AS "payerId", a.payer_relationship AS relationship FROM compliance.policy_payer p
                 LEFT JOIN compliance.application_payer a USING (application_id)
                WHERE p.policy_id = $1`,
              [event.payload.policyId],
            )
          : [],
      ])) as [
        { amountFen: string; occurredAt: Date }[],
        { payerId: string | null; relationship: string | null }[],
      ];
      const [linked] = stated;
      return {
        ...(event.type === 'contract.premium-paid' && !event.payload.payerIsPolicyholder
          ? {
              payerStatement: !linked ? 'policy-unknown' : linked.payerId ? 'known' : 'application-unknown',
              payerRelationship: statedRelationship(linked, event.payload.payerId),
            }
          : {}),
        flowsAround: flows.map((f) => ({
          amountFen: Number(f.amountFen),
          occurredAt: new Date(f.occurredAt).toISOString(),
        })),
      };
    }
    if (event.type === 'sales.application-submitted') {
      const a = event.payload;
      const [[party], salesperson, awaiting] = await Promise.all([
        m.query(
          `SELECT declared_income_fen AS income, identity_rejected_at AS rejected FROM compliance.party_state
            WHERE customer_id = $1`,
          [a.policyholderId],
        ) as Promise<{ income: string | null; rejected: Date | null }[]>,
        this.salespersonContext(m, a),
        m.query(
          `SELECT ${AWAITING_COLUMNS} FROM compliance.policy_payer p
             JOIN compliance.third_party_premium t USING (policy_id)
            WHERE p.application_id = $1`,
          [a.applicationId],
        ) as Promise<AwaitingRow[]>,
      ]);
      return {
        ...salesperson,
        premiumsAwaitingStatement: awaiting.map((t) =>
          awaitingPremium(
            t,
            statedRelationship({ payerId: a.payerId, relationship: a.payerRelationship }, t.payerId),
          ),
        ),
        declaredIncomeFen:
          party?.income === null || party?.income === undefined ? null : Number(party.income),
        identityRejectedAt: party?.rejected ? new Date(party.rejected).toISOString() : null,
      };
    }
    if (event.type === 'customer.identity-rejected') {
      // The applications the customer made around the failure, if they came in first (the rule keeps those on the
      // failure's day or within its window after; the day before covers the difference between UTC and Shanghai days).
      const rejectedAt = new Date(event.payload.rejectedAt);
      const rows = (await m.query(
        `SELECT application_id AS "applicationId", submitted_at AS "submittedAt" FROM compliance.application_payer
          WHERE policyholder_id = $1 AND submitted_at >= $2::timestamptz - interval '1 day'
            AND submitted_at < $2::timestamptz + make_interval(days => $3 + 1)`,
        [event.payload.customerId, rejectedAt, windowOf('aml_identity_then_purchase', 30)],
      )) as { applicationId: string; submittedAt: Date }[];
      return {
        applicationsAround: rows.map((r) => ({
          applicationId: r.applicationId,
          submittedAt: new Date(r.submittedAt).toISOString(),
        })),
      };
    }
    const declared = declaredIncomeOf(event);
    if (declared?.incomeFen) {
      // The applications submitted since the income was declared and applied before it, judged against it.
      const rows = (await m.query(
        `SELECT application_id AS "applicationId", annual_premium_fen AS "annualPremiumFen"
           FROM compliance.application_payer
          WHERE policyholder_id = $1 AND submitted_at >= $2 AND annual_premium_fen IS NOT NULL`,
        [declared.customerId, new Date(declared.since)],
      )) as { applicationId: string; annualPremiumFen: string }[];
      return {
        applicationsOfPolicyholder: rows.map((r) => ({
          applicationId: r.applicationId,
          annualPremiumFen: Number(r.annualPremiumFen),
        })),
      };
    }
    if (event.type === 'sales.quote-issued') {
      return this.salespersonContext(m, event.payload);
    }
    if (event.type === 'contract.policy-surrendered') {
      const windowDays = windowOf('aml_bulk_surrender', 30);
      const rows = (await m.query(
        `SELECT surrendered_on::text AS day FROM compliance.surrender_log
          WHERE policyholder_id = $1 AND surrendered_on BETWEEN $2 AND $3`,
        [
          event.payload.policyholderId,
          addDays(event.payload.surrenderedOn, -windowDays),
          addDays(event.payload.surrenderedOn, windowDays),
        ],
      )) as { day: string }[];
      return { surrendersAround: rows.map((r) => r.day) };
    }
    if (event.type === 'contract.policy-endorsed' || event.type === 'contract.policyholder-changed') {
      const day = changedOn(event);
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM compliance.endorsement_log WHERE policy_id = $1 AND endorsed_on BETWEEN $2 AND $3`,
        [event.payload.policyId, addDays(day, -windowOf('frequent_changes', 90)), day],
      );
      if (event.type === 'contract.policy-endorsed') return { endorsementsInWindow: n };
      // Whom the policy passed to, as compliance knows them when the change is applied.
      const [verified] = (await m.query(
        `SELECT 1 FROM compliance.party_state WHERE customer_id = $1 AND identity_verified_at IS NOT NULL`,
        [event.payload.policyholderId],
      )) as unknown[];
      return { endorsementsInWindow: n, newPolicyholderVerified: verified !== undefined };
    }
    return {};
  }
}

/** The day a change made a new version of the policy (China time). */
function changedOn(
  event: EventOf<'contract.policy-endorsed'> | EventOf<'contract.policyholder-changed'>,
): string {
  return shanghaiDate(
    new Date(event.type === 'contract.policy-endorsed' ? event.payload.endorsedAt : event.payload.changedAt),
  );
}
