import { createHash } from 'node:crypto';

export interface ScheduleData {
  readonly policyNumber: string;
  readonly productCode: string;
  readonly productVersion: number;
  readonly policyholderId: string;
  readonly insuredId: string;
  readonly sumInsuredFen: number;
  readonly premiumFen: number;
  readonly paymentMode: string;
  readonly paymentTermYears: number;
  readonly effectiveDate: string;
  readonly expiryDate: string;
  readonly coolingOffEndsOn: string;
  readonly exclusions: readonly string[];
  readonly beneficiaries: readonly { name: string; relationship: string; sharePercent: number }[];
  readonly version: number;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);
const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The policy schedule as a self-contained HTML document; deterministic, so the same policy always hashes the same. */
export function renderSchedule(d: ScheduleData): string {
  const rows: [string, string][] = [
    ['Policy number', d.policyNumber],
    ['Policy version', String(d.version)],
    ['Product', `${d.productCode} (version ${d.productVersion})`],
    ['Policyholder', d.policyholderId],
    ['Insured', d.insuredId],
    ['Sum insured (CNY)', yuan(d.sumInsuredFen)],
    ['Premium (CNY)', `${yuan(d.premiumFen)} ${d.paymentMode}, ${d.paymentTermYears} year(s)`],
    ['Cover', `${d.effectiveDate} to ${d.expiryDate}`],
    ['Cooling-off period ends', `${d.coolingOffEndsOn} 24:00 China Standard Time`],
    ['Exclusions', d.exclusions.length ? d.exclusions.join('; ') : 'as in the policy terms'],
    [
      'Beneficiaries',
      d.beneficiaries.length
        ? d.beneficiaries.map((b) => `${b.name} (${b.relationship}) ${b.sharePercent}%`).join('; ')
        : 'statutory heirs',
    ],
  ];
  const body = rows.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Policy schedule ${escape(d.policyNumber)}</title></head><body><h1>Policy schedule</h1><table>${body}</table></body></html>`;
}

export function sha256Hex(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}
