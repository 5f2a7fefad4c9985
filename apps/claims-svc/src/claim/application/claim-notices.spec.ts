import { LOCALES } from '@insurer/contracts';
import { templateArguments } from '@insurer/platform-i18n';
import { DOCUMENT_CHECKLIST, missingDocuments } from '../domain/intake';
import type { ClaimEntity } from '../infrastructure/claim.entity';
import { CLAIM_TYPE_NAMES, DOCUMENT_NAMES, NOTICE_TEXTS, claimNotice } from './claim-notices';

const claim = (over: Partial<ClaimEntity>): ClaimEntity =>
  ({
    claimId: 'c-1',
    claimType: 'hospitalisation',
    status: 'documents_requested',
    reportedAt: new Date('2026-03-01T18:00:00Z'), // 2 March in Shanghai
    decidedAt: null,
    rejectionReasons: null,
    ...over,
  }) as ClaimEntity;

describe('the notices a claimant receives', () => {
  it('names every document of every checklist, and every claim type, in both languages', () => {
    const kinds = new Set(Object.values(DOCUMENT_CHECKLIST).flat());
    for (const kind of kinds)
      for (const locale of LOCALES)
        expect([kind, locale, DOCUMENT_NAMES[kind]?.[locale]]).toEqual([kind, locale, expect.any(String)]);
    for (const names of Object.values(CLAIM_TYPE_NAMES))
      for (const locale of LOCALES) expect(names[locale]).toBeTruthy();
  });

  it('asks both languages of a notice for the same values', () => {
    for (const texts of Object.values(NOTICE_TEXTS))
      expect(templateArguments(texts['zh-CN'])).toEqual(templateArguments(texts.en));
  });

  it('lists every missing document at once, in the claimant’s language, with the Shanghai day it was reported', () => {
    const submitted = ['claim_form', 'insured_id'];
    const missing = missingDocuments('hospitalisation', submitted);
    const zh = claimNotice(claim({}), submitted, missing, 'zh-CN');
    expect(zh).toMatchObject({
      kind: 'missing_documents',
      locale: 'zh-CN',
      items: ['invoice', 'expense_list', 'discharge_summary'],
    });
    expect(zh?.subject).toBe('理赔材料补充通知（案件号c-1）');
    expect(zh?.body).toContain('您于2026-03-02提出的住院医疗理赔申请已受理');
    expect(zh?.body).toContain('医疗费用发票、费用明细清单和出院小结');
    expect(zh?.body).toContain('《中华人民共和国保险法》第二十二条');
    const en = claimNotice(claim({}), submitted, missing, 'en');
    expect(en?.body).toContain('the medical invoices, the itemised expense list, and the discharge summary');
    expect(en?.body).toContain('Insurance Law Art. 22');
  });

  it('gives the rejection its reasons, a registered code in the registry’s words and the handler’s after them', () => {
    const rejected = claim({
      status: 'rejected',
      decidedAt: new Date('2026-04-10T02:00:00Z'),
      rejectionReasons: [
        { code: 'CLAIM.EXCLUSION', message: 'cosmetic treatment' },
        { code: 'CLAIM.NOT_DISABLING', message: 'a sprain is not a disability grade' },
      ],
    });
    const zh = claimNotice(rejected, [], [], 'zh-CN');
    expect(zh?.kind).toBe('rejection');
    expect(zh?.body).toContain('于2026-04-10决定拒绝给付保险金');
    expect(zh?.body).toContain(
      '事故属于合同约定的责任免除情形（cosmetic treatment）；a sprain is not a disability grade',
    );
    expect(zh?.body).toContain('《中华人民共和国保险法》第二十四条');
    const en = claimNotice(rejected, [], [], 'en');
    expect(en?.body).toContain(
      'The event falls under an exclusion of the contract (cosmetic treatment); a sprain is not a disability grade',
    );
    expect(en?.items).toEqual(['CLAIM.EXCLUSION', 'CLAIM.NOT_DISABLING']);
  });

  it('has no notice for a claim that is being assessed or was paid', () => {
    expect(claimNotice(claim({ status: 'assessed' }), [], [], 'en')).toBeNull();
    expect(claimNotice(claim({ status: 'paid' }), [], [], 'zh-CN')).toBeNull();
  });
});
