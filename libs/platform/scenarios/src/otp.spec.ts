import { otpFromLog } from './otp';

/** A line as customer-svc's local gateway logs it (pino, the number masked, the text in clear). */
const sent = (to: string, text: string) =>
  JSON.stringify({
    level: 30,
    service: 'customer-svc',
    notification: { channel: 'sms', to, text },
    msg: 'notification sent (local log gateway)',
  });

describe('otpFromLog', () => {
  it("reads the last code sent to the mobile, not another mobile's or an earlier one", () => {
    const log = [
      sent('138****5678', 'Your verification code is 111111. It expires in 10 minutes.'),
      sent('139****0000', 'Your verification code is 222222. It expires in 10 minutes.'),
      sent('138****5678', 'Your verification code is 333333. It expires in 10 minutes.'),
      sent('139****0000', 'Your verification code is 444444. It expires in 10 minutes.'),
      '{"level":30,"msg":"consumer customer-svc joined"}',
      '',
    ].join('\n');
    expect(otpFromLog(log, '13812345678')).toBe('333333');
    expect(otpFromLog(log, '13900000000')).toBe('444444');
  });

  it('passes over later lines naming the mobile without a code, and reads a last line without a newline', () => {
    const log = [
      sent('138****5678', 'Your verification code is 555555. It expires in 10 minutes.'),
      sent('138****5678', 'Your policy has been issued.'),
    ].join('\n');
    expect(otpFromLog(log, '13812345678')).toBe('555555');
    expect(
      otpFromLog(`${log}\n${sent('138****5678', 'Your verification code is 666666.')}`, '13812345678'),
    ).toBe('666666');
  });

  it('finds nothing before a code was sent to the mobile', () => {
    expect(otpFromLog('', '13812345678')).toBeUndefined();
    expect(otpFromLog(sent('138****5678', 'Your policy has been issued.'), '13812345678')).toBeUndefined();
    expect(
      otpFromLog(sent('139****5678', 'Your verification code is 777777.'), '13812345678'),
    ).toBeUndefined();
  });
});
