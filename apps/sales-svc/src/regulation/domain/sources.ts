/** The rules sales-svc applies, by their legal source, so every refusal can name where it comes from. */
export const SOURCES = {
  suitability: 'NFRA Order 2025 No. 7 (金融机构产品适当性管理办法)',
  salesConduct: 'NFRA Order 2023 No. 2 (保险销售行为管理办法)',
  bankChannel: 'CBIRC 2019 No. 179 (商业银行代理保险业务管理办法), signed declaration thresholds',
  dualRecording: 'CIRC 2017 No. 54 (保险销售行为可回溯管理暂行办法)',
  beneficiaries: 'Insurance Law Art. 40',
  insurableInterest: 'Insurance Law Art. 31 (insurable interest; otherwise by the insured’s consent)',
  deathCoverConsent: 'Insurance Law Art. 34 (the insured’s consent to death cover and its sum)',
  minorsDeathCover:
    'Insurance Law Art. 33 (no death cover on a person without civil capacity, save by a parent)',
  minorsDeathCap: 'Insurance Law Art. 33; CIRC 保监发〔2015〕90号 (minors’ death benefit caps)',
  civilCapacity: 'Civil Code Arts. 17-20 (civil capacity by age)',
  beneficiaryDesignation:
    'Insurance Law Art. 39 (a policyholder’s choice of beneficiary needs the insured’s consent)',
  employerBeneficiary: 'Insurance Law Art. 39 (an employer names only the insured or their close relatives)',
  coolingOff: 'cooling-off of at least 15 days for personal life and health cover over one year (犹豫期)',
} as const;

export interface Reason {
  readonly code: string;
  readonly message: string;
  readonly source?: string;
  readonly pointer?: string;
}
