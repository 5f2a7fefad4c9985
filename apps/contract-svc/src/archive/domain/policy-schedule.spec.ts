import { renderSchedule, sha256Hex, type ScheduleData } from './policy-schedule';

const data: ScheduleData = {
  policyNumber: 'P202600000000421',
  productCode: 'TL20',
  productVersion: 2,
  policyholderId: 'ph-1',
  insuredId: 'in-1',
  sumInsuredFen: 50_000_000,
  premiumFen: 88_550,
  paymentMode: 'annual',
  paymentTermYears: 20,
  effectiveDate: '2026-06-01',
  expiryDate: '2046-05-31',
  coolingOffEndsOn: '2026-06-16',
  exclusions: ['war', 'suicide within 2 years'],
  beneficiaries: [
    { name: 'A', relationship: 'spouse', sharePercent: 60 },
    { name: 'B', relationship: 'child', sharePercent: 40 },
  ],
  version: 1,
};

const cells = (html: string) =>
  [...html.matchAll(/<tr><th>([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);

describe('the policy schedule', () => {
  it('states every term of the policy, in order, with amounts in yuan', () => {
    const html = renderSchedule(data);
    expect(cells(html)).toEqual([
      ['Policy number', 'P202600000000421'],
      ['Policy version', '1'],
      ['Product', 'TL20 (version 2)'],
      ['Policyholder', 'ph-1'],
      ['Insured', 'in-1'],
      ['Sum insured (CNY)', '500000.00'],
      ['Premium (CNY)', '885.50 annual, 20 year(s)'],
      ['Cover', '2026-06-01 to 2046-05-31'],
      ['Cooling-off period ends', '2026-06-16 24:00 China Standard Time'],
      ['Exclusions', 'war; suicide within 2 years'],
      ['Beneficiaries', 'A (spouse) 60%; B (child) 40%'],
    ]);
    expect(html).toBe(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Policy schedule P202600000000421</title></head><body><h1>Policy schedule</h1><table>${cells(
        html,
      )
        .map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`)
        .join('')}</table></body></html>`,
    );
  });

  it('falls back to the terms and the statutory heirs when none are named', () => {
    const rows = Object.fromEntries(cells(renderSchedule({ ...data, exclusions: [], beneficiaries: [] })));
    expect(rows.Exclusions).toBe('as in the policy terms');
    expect(rows.Beneficiaries).toBe('statutory heirs');
  });

  it('escapes every character that could break out of the markup', () => {
    const html = renderSchedule({ ...data, policyNumber: `<b>&"'x`, exclusions: ['a < b > c'] });
    expect(html).toContain('<title>Policy schedule &lt;b&gt;&amp;&quot;&#39;x</title>');
    expect(Object.fromEntries(cells(html))['Exclusions']).toBe('a &lt; b &gt; c');
    expect(html).not.toContain('<b>');
  });

  it('hashes the same schedule the same way (SHA-256, hex)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(renderSchedule(data))).toBe(sha256Hex(renderSchedule({ ...data })));
    expect(sha256Hex(renderSchedule({ ...data, version: 2 }))).not.toBe(sha256Hex(renderSchedule(data)));
  });
});
