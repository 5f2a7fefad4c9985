/** The code the local SMS gateway logged for this mobile (it logs the number masked, the text in clear). */
export function otpFromLog(log: string, mobile: string): string | undefined {
  const masked = `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  const lines = log.split('\n').filter((l) => l.includes(masked) && l.includes('verification code'));
  return /verification code is (\d{6})/.exec(lines.at(-1) ?? '')?.[1];
}
