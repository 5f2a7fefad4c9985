import {
  admissibleProfile,
  assertMayUnmask,
  correct,
  maskChanges,
  personalDataAccessed,
  projectForReader,
  register,
  type CustomerState,
} from './customer';
import type { PersonalProfile } from './customer-profile';
import {
  CustomerDataInvalidError,
  CustomerVersionConflictError,
  FieldNotNeededForPurposeError,
  UnmaskNotAllowedError,
} from './customer.errors';

const NOW = new Date('2026-11-25T02:00:00Z');
const person: PersonalProfile = {
  name: '张三',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  mobile: '13800138000',
  annualIncomeFen: 30_000_000,
};

function registered(): { state: CustomerState; profile: PersonalProfile } {
  const profile = admissibleProfile({ purpose: 'quotation', profile: person }, NOW);
  const { state } = register(
    { customerId: 'c-1', purpose: 'quotation', profile: person },
    profile,
    'agent-1',
    NOW,
  );
  return { state, profile };
}

describe('the customer aggregate', () => {
  describe('registration', () => {
    it('keeps the checked profile with what the ID number proves, as version 1, unverified', () => {
      const profile = admissibleProfile({ purpose: 'quotation', profile: person }, NOW);
      expect(profile).toMatchObject({ birthDate: '1949-12-31', gender: 'female' });
      const decided = register(
        { customerId: 'c-1', purpose: 'quotation', profile: person, channel: 'agent', agentId: 'a-1' },
        profile,
        'agent-1',
        NOW,
      );
      expect(decided.state).toEqual({
        customerId: 'c-1',
        customerType: 'individual',
        status: 'active',
        version: 1,
        collectedFor: ['quotation'],
        identityStatus: 'unverified',
        riskLevel: null,
        riskValidUntil: null,
      });
      expect(decided.version).toMatchObject({ version: 1, reason: 'registration', actor: 'agent-1' });
      expect(Object.keys(decided.version.changes)).toContain('idNumber');
      // Other services get the facts, never the name, the ID number or the mobile.
      const payload = decided.events[0].payload as Record<string, unknown>;
      expect(payload).toMatchObject({ customerId: 'c-1', annualIncomeFen: 30_000_000, gender: 'female' });
      expect(payload).not.toHaveProperty('idNumber');
      expect(payload).not.toHaveProperty('name');
      expect(payload).not.toHaveProperty('mobile');
    });

    it('drops what the ID number proves when the purpose does not need it', () => {
      const profile = admissibleProfile(
        { purpose: 'marketing', profile: { ...person, annualIncomeFen: undefined } },
        NOW,
      );
      expect(profile).not.toHaveProperty('birthDate');
      expect(profile).not.toHaveProperty('gender');
    });

    it('refuses a field the purpose does not need, and a profile that breaks a rule', () => {
      expect(() => admissibleProfile({ purpose: 'marketing', profile: person }, NOW)).toThrow(
        FieldNotNeededForPurposeError,
      );
      expect(() =>
        admissibleProfile({ purpose: 'quotation', profile: { ...person, mobile: '12345' } }, NOW),
      ).toThrow(CustomerDataInvalidError);
    });
  });

  describe('correction', () => {
    it('makes version 2 with the changed fields, sharing only changed facts', () => {
      const { state, profile } = registered();
      const decided = correct(
        state,
        profile,
        {
          expectedVersion: 1,
          purpose: 'quotation',
          reason: 'new job',
          changes: { annualIncomeFen: 36_000_000 },
        },
        'rep',
        NOW,
      );
      expect(decided?.state.version).toBe(2);
      expect(decided?.identityChanged).toBe(false);
      expect(decided?.events[0].payload).toMatchObject({
        profileVersion: 2,
        changedFields: ['annualIncomeFen'],
        facts: { annualIncomeFen: 36_000_000 },
      });
    });

    it('removes a field set to null and adds the purpose to those collected for', () => {
      const { state, profile } = registered();
      const decided = correct(
        state,
        profile,
        {
          expectedVersion: 1,
          purpose: 'service',
          reason: 'moved',
          changes: { mobile: null, email: 'a@b.cn' },
        },
        'rep',
        NOW,
      );
      expect(decided?.profile).not.toHaveProperty('mobile');
      expect(decided?.profile).toMatchObject({ email: 'a@b.cn' });
      expect(decided?.state.collectedFor).toEqual(['quotation', 'service']);
    });

    it('asks for identity verification again when the identity changes', () => {
      const { state, profile } = registered();
      const decided = correct(
        { ...state, identityStatus: 'verified' },
        profile,
        { expectedVersion: 1, purpose: 'quotation', reason: 'typo', changes: { name: '张叁' } },
        'rep',
        NOW,
      );
      expect(decided).toMatchObject({ identityChanged: true, state: { identityStatus: 'unverified' } });
    });

    it('is no new version when nothing changes', () => {
      const { state, profile } = registered();
      expect(
        correct(
          state,
          profile,
          { expectedVersion: 1, purpose: 'quotation', reason: 'r', changes: { mobile: person.mobile } },
          'rep',
          NOW,
        ),
      ).toBeNull();
    });

    it('refuses a stale version and a change that breaks a rule', () => {
      const { state, profile } = registered();
      expect(() =>
        correct(
          state,
          profile,
          { expectedVersion: 2, purpose: 'quotation', reason: 'r', changes: {} },
          'rep',
          NOW,
        ),
      ).toThrow(CustomerVersionConflictError);
      expect(() =>
        correct(
          state,
          profile,
          { expectedVersion: 1, purpose: 'quotation', reason: 'r', changes: { mobile: '1' } },
          'rep',
          NOW,
        ),
      ).toThrow(CustomerDataInvalidError);
    });
  });

  describe('reading for a purpose', () => {
    it('masks the sensitive fields unless asked for, and says which were revealed', () => {
      const masked = projectForReader(person, 'quotation', []);
      expect(masked.profile.idNumber).not.toBe(person.idNumber);
      expect(masked).toMatchObject({ masked: ['idNumber'], revealed: [] });
      const clear = projectForReader(person, 'quotation', ['idNumber']);
      expect(clear).toMatchObject({
        profile: { idNumber: person.idNumber },
        masked: [],
        revealed: ['idNumber'],
      });
      expect(projectForReader(person, 'quotation', [])).not.toHaveProperty('profile.email');
    });

    it('unmasks only sensitive fields the purpose needs, for the customer or a role allowed to', () => {
      expect(() =>
        assertMayUnmask('quotation', ['idNumber'], { self: true, roles: ['customer'] }),
      ).not.toThrow();
      expect(() =>
        assertMayUnmask('quotation', ['idNumber'], { self: false, roles: ['underwriter'] }),
      ).not.toThrow();
      expect(() => assertMayUnmask('quotation', ['idNumber'], { self: false, roles: ['agent'] })).toThrow(
        UnmaskNotAllowedError,
      );
      expect(() => assertMayUnmask('quotation', ['bankAccount'], { self: true, roles: [] })).toThrow(/needs/);
      expect(() => assertMayUnmask('quotation', ['mobile' as never], { self: true, roles: [] })).toThrow(
        UnmaskNotAllowedError,
      );
    });

    it('masks both sides of a sensitive change in the history, and leaves the others', () => {
      const shown = maskChanges({
        idNumber: { from: '11010519491231002X', to: '110105194912310038' },
        mobile: { from: null, to: '13800138000' },
      });
      expect(shown.idNumber.from).not.toBe('11010519491231002X');
      expect(shown.idNumber.to).not.toBe('110105194912310038');
      expect(shown.mobile).toEqual({ from: null, to: expect.any(String) });
    });

    it('records an unmasked read as an event naming who, what and why', () => {
      expect(personalDataAccessed('c-1', { sub: 'u-1' }, ['idNumber'], 'claims', NOW)).toEqual({
        type: 'customer.personal-data-accessed',
        aggregateId: 'c-1',
        payload: {
          customerId: 'c-1',
          fields: ['idNumber'],
          purpose: 'claims',
          actor: 'u-1',
          accessedAt: NOW.toISOString(),
        },
      });
    });
  });
});
