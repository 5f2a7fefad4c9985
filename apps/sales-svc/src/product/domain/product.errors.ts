import { AppError, type MessageParams } from '@insurer/platform-errors';
import type { TableProblem } from './table-validation';

export class ProductInvalidError extends AppError {
  constructor(problems: readonly TableProblem[], what = 'product') {
    super(
      'PRODUCT.INVALID',
      'rule',
      `the ${what} is not valid: ${problems.map((p) => p.message).join('; ')}`,
      {
        errors: problems.map((p) => ({
          pointer: p.pointer,
          message: p.message,
          rule: p.rule,
          params: p.params,
        })),
        params: { what: what.replace(/[ -]/g, '_') },
      },
    );
  }
}
export class ProductStateError extends AppError {
  constructor(message: string, params: MessageParams) {
    super('PRODUCT.WRONG_STATE', 'conflict', message, { params });
  }
}
export class ProductNotOnSaleError extends AppError {
  constructor(productCode: string, on: string) {
    super('PRODUCT.NOT_ON_SALE', 'rule', `product ${productCode} has no version in force on ${on}`, {
      params: { productCode, on },
    });
  }
}
