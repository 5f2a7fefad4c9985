import { FIELD_CATALOGUE, PURPOSES, fieldsOutsidePurpose, projectForPurpose } from './field-catalogue';
import { maskBankAccount, maskIdNumber, maskMobile } from './masking';
import { residentIdCheckChar } from './resident-id';

describe('the minimum-necessary field catalogue', () => {
  it('lets every purpose identify the customer', () => {
    for (const purpose of PURPOSES) {
      expect(FIELD_CATALOGUE[purpose]).toEqual(expect.arrayContaining(['name', 'idType', 'idNumber']));
    }
  });

  it('refuses, by name, fields a purpose does not need', () => {
    expect(fieldsOutsidePurpose('marketing', ['name', 'mobile', 'annualIncomeFen', 'bankAccount'])).toEqual([
      'annualIncomeFen',
      'bankAccount',
    ]);
    expect(fieldsOutsidePurpose('quotation', ['bankAccount'])).toEqual(['bankAccount']);
    expect(fieldsOutsidePurpose('underwriting', ['bankAccount', 'occupationClass'])).toEqual([]);
  });

  it('keeps financial data out of service and claims, and the bank account out of quotation', () => {
    expect(FIELD_CATALOGUE.service).not.toContain('annualIncomeFen');
    expect(FIELD_CATALOGUE.claims).not.toContain('householdIncomeFen');
    expect(FIELD_CATALOGUE.quotation).not.toContain('bankAccount');
  });

  it('projects a record onto the fields of one purpose', () => {
    const record = {
      name: '张三',
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      mobile: '13800138000',
      annualIncomeFen: 30_000_000,
      bankAccount: '6222020200112233445',
    };
    expect(projectForPurpose('service', record)).toEqual({
      name: '张三',
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      mobile: '13800138000',
    });
  });
});

describe('masking', () => {
  it('keeps the province and the last two characters of an ID number', () => {
    expect(maskIdNumber('110105194912311234')).toBe('11**************34');
  });

  it('cannot be rebuilt with the birth date shown beside it: thousands of valid numbers fit both', () => {
    const id = '310105198807133672';
    const masked = maskIdNumber(id);
    const birth = '19880713'; // what `birthDate` 1988-07-13 says in the same response
    let candidates = 0;
    // Every number the mask and the birth date leave open: four area digits and two sequence digits.
    for (let area = 0; area < 10_000; area += 1)
      for (let seq = 0; seq < 100; seq += 1) {
        const first17 =
          masked.slice(0, 2) +
          String(area).padStart(4, '0') +
          birth +
          String(seq).padStart(2, '0') +
          masked[16];
        if (residentIdCheckChar(first17) === masked[17]) candidates += 1;
      }
    expect(candidates).toBeGreaterThan(10_000);
  });

  it('keeps the last four digits of a bank account and the ends of a mobile', () => {
    expect(maskBankAccount('6222020200112233445')).toBe('***************3445');
    expect(maskMobile('13800138000')).toBe('138****8000');
  });
});
