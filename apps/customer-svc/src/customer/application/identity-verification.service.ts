import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PrimaryKeyReader, RowWriter, transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import type { Reason } from '@insurer/contracts';
import { checkProfile, type PersonalProfile } from '../domain/customer-profile';
import { maskMobile } from '../domain/masking';
import { CustomerEntity, IdentityVerificationEntity } from '../infrastructure/customer.entity';
import { Notifier } from '../infrastructure/notifier';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { assertOwn } from './own-records';
import type { Principal } from '@insurer/platform-auth';
import { VerificationClosedError } from '../domain/identity-verification.errors';

const CODE_TTL_MS = 10 * 60_000;
const MAX_CODE_ATTEMPTS = 3;

export interface DeclaredIdentity {
  readonly name: string;
  readonly idNumber: string;
  readonly birthDate?: string;
}

export interface VerificationOutcome {
  readonly verificationId: string;
  readonly status: 'code_sent' | 'verified' | 'rejected';
  readonly checks: string[];
  readonly reasons: Reason[];
  readonly sentTo?: string;
  readonly expiresAt?: string;
  readonly attemptsLeft?: number;
}

/**
 * Identity confirmation before a contract (manual 1.3): the stored ID number must still pass its checks, the data the
 * customer declares now must equal the record, and the customer must prove control of the mobile number on file with a
 * one-time code. Only a hash of the code is stored.
 */
@Injectable()
export class IdentityVerificationService {
  private readonly verifications: RowWriter<IdentityVerificationEntity>;
  private readonly verificationById: PrimaryKeyReader<IdentityVerificationEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly customers: CustomerRepository,
    private readonly notifier: Notifier,
  ) {
    this.verifications = new RowWriter(dataSource, IdentityVerificationEntity);
    this.verificationById = new PrimaryKeyReader(dataSource, IdentityVerificationEntity);
  }

  async start(
    customerId: string,
    declared: DeclaredIdentity,
    actor: string,
    ctx: RequestContext,
  ): Promise<VerificationOutcome> {
    const now = this.clock.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const outcome = await transaction(this.dataSource, ctx, async (manager) => {
      const { customer, profile } = await this.customers.lockActiveAndOpen(manager, customerId);
      const reasons = declaredDataReasons(profile, declared, shanghaiDate(now));
      const verificationId = randomUUID();
      const checks = ['id_number', 'declared_data'];
      const mobile = profile.mobile;
      if (!mobile) {
        reasons.push({ code: 'IDENTITY.NO_CONTACT', message: 'no mobile number on file to send a code to' });
      }
      if (reasons.length || !mobile) {
        await this.verifications.write(manager, [
          {
            verificationId,
            customerId,
            status: 'rejected',
            codeHash: null,
            attempts: 0,
            expiresAt: null,
            checks,
            reasons,
            startedBy: actor,
            createdAt: now,
            completedAt: now,
          },
        ]);
        await this.reject(manager, customer, reasons, now);
        return { verificationId, status: 'rejected' as const, checks, reasons };
      }
      const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
      await this.verifications.write(manager, [
        {
          verificationId,
          customerId,
          status: 'code_sent',
          codeHash: hashCode(verificationId, code),
          attempts: 0,
          expiresAt,
          checks,
          reasons: [],
          startedBy: actor,
          createdAt: now,
          completedAt: null,
        },
      ]);
      return {
        verificationId,
        status: 'code_sent' as const,
        checks,
        reasons: [],
        mobile,
        expiresAt: expiresAt.toISOString(),
      };
    });
    if (outcome.status !== 'code_sent') return outcome;
    // Sent after commit: a code for a verification that was never stored would be useless.
    await this.notifier.send({
      channel: 'sms',
      to: outcome.mobile,
      text: `Your verification code is ${code}. It expires in 10 minutes.`,
    });
    const { mobile, ...rest } = outcome;
    return { ...rest, sentTo: maskMobile(mobile) };
  }

  async confirm(
    customerId: string,
    verificationId: string,
    code: string,
    principal: Principal,
    ctx: RequestContext,
  ): Promise<VerificationOutcome> {
    assertOwn(principal, customerId);
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (manager) => {
      // Read together: the verification's read follows the customer's lock on the wire.
      const [customer, verification] = await Promise.all([
        this.customers.lockActive(manager, customerId),
        this.verificationById.findIn(manager, verificationId),
      ]);
      // Another customer's verification is not found, as if it were not there.
      if (!verification || verification.customerId !== customerId.toLowerCase())
        throw new ResourceNotFoundError('verification', verificationId);
      if (verification.status !== 'code_sent' || !verification.codeHash) {
        throw new VerificationClosedError(verification.status);
      }
      const codeHash = verification.codeHash;

      const fail = async (reason: Reason): Promise<VerificationOutcome> => {
        verification.status = 'rejected';
        verification.reasons = [reason];
        verification.completedAt = now;
        await this.verifications.update(manager, verification);
        await this.reject(manager, customer, [reason], now);
        return { verificationId, status: 'rejected', checks: verification.checks, reasons: [reason] };
      };
      if (verification.expiresAt && now >= verification.expiresAt) {
        return fail({ code: 'IDENTITY.CODE_EXPIRED', message: 'the one-time code expired' });
      }
      if (!timingSafeEqual(hashCode(verificationId, code), codeHash)) {
        verification.attempts += 1;
        if (verification.attempts >= MAX_CODE_ATTEMPTS) {
          return fail({
            code: 'IDENTITY.CODE_ATTEMPTS',
            message: `wrong code ${MAX_CODE_ATTEMPTS} times`,
            params: { max: MAX_CODE_ATTEMPTS },
          });
        }
        await this.verifications.update(manager, verification);
        return {
          verificationId,
          status: 'code_sent',
          checks: verification.checks,
          reasons: [{ code: 'IDENTITY.CODE_MISMATCH', message: 'the code does not match' }],
          attemptsLeft: MAX_CODE_ATTEMPTS - verification.attempts,
        };
      }
      const checks = [...verification.checks, 'contact'];
      verification.status = 'verified';
      verification.checks = checks;
      verification.codeHash = null;
      verification.completedAt = now;
      await this.verifications.update(manager, verification);
      customer.identityStatus = 'verified';
      customer.updatedAt = now;
      await this.customers.writeBack(manager, customer);
      await this.outbox.publish(manager, {
        type: 'customer.identity-verified',
        aggregateId: customerId,
        payload: { customerId, checks, verifiedAt: now.toISOString() },
      });
      return { verificationId, status: 'verified', checks, reasons: [] };
    });
  }

  private async reject(manager: EntityManager, customer: CustomerEntity, reasons: Reason[], now: Date) {
    customer.identityStatus = 'rejected';
    customer.updatedAt = now;
    await this.customers.writeBack(manager, customer);
    await this.outbox.publish(manager, {
      type: 'customer.identity-rejected',
      aggregateId: customer.customerId,
      payload: { customerId: customer.customerId, reasons, rejectedAt: now.toISOString() },
    });
  }
}

/** What the customer declares now against the record, and the record's ID number against GB 11643 once more. */
export function declaredDataReasons(
  profile: PersonalProfile,
  declared: DeclaredIdentity,
  today: string,
): Reason[] {
  const reasons: Reason[] = [];
  const recheck = checkProfile(profile, today);
  if (!recheck.ok) {
    for (const v of recheck.violations) reasons.push({ code: v.rule, message: v.message, source: v.source });
  }
  if (declared.idNumber.trim().toUpperCase() !== profile.idNumber) {
    reasons.push({
      code: 'IDENTITY.ID_NUMBER_MISMATCH',
      message: 'the declared ID number differs from the record',
    });
  }
  if (declared.name.trim() !== profile.name) {
    reasons.push({ code: 'IDENTITY.NAME_MISMATCH', message: 'the declared name differs from the record' });
  }
  if (declared.birthDate !== undefined && declared.birthDate !== profile.birthDate) {
    reasons.push({
      code: 'IDENTITY.BIRTH_DATE_MISMATCH',
      message: 'the declared birth date differs from the record',
    });
  }
  return reasons;
}

function hashCode(verificationId: string, code: string): Buffer {
  return createHash('sha256').update(`${verificationId}:${code}`).digest();
}
