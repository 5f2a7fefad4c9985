/** The rules sales-svc applies, by their legal source, so every refusal can name where it comes from. */
export const SOURCES = {
  suitability: 'NFRA Order 2025 No. 7 (金融机构产品适当性管理办法)',
  salesConduct: 'NFRA Order 2023 No. 2 (保险销售行为管理办法)',
  bankChannel: 'CBIRC 2019 No. 179 (商业银行代理保险业务管理办法), signed declaration thresholds',
  dualRecording: 'CIRC 2017 No. 54 (保险销售行为可回溯管理暂行办法)',
  beneficiaries: 'Insurance Law Art. 40',
  coolingOff: 'cooling-off of at least 15 days for personal life and health cover over one year (犹豫期)',
} as const;

export interface Reason {
  readonly code: string;
  readonly message: string;
  readonly source?: string;
  readonly pointer?: string;
}
