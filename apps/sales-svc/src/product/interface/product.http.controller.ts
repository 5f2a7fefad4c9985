import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CashValueRow, ProductDefinition, RateTable } from '@insurer/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { ApiZodBody, ZodValidationPipe, parseOrThrow } from '@insurer/platform-http';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { ProductService, rateTableOf, toDefinition } from '../application/product.service';

const ProductCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'upper-case letters, digits and -');
const NewProductBody = ProductDefinition.omit({
  productId: true,
  version: true,
  effectiveFrom: true,
  cashValues: true,
  rates: true,
})
  .extend({ productCode: ProductCode, rating: RateTable.omit({ rows: true }) })
  .strict();
const RatesBody = z.union([z.string().min(1), z.strictObject({ rows: RateTable.shape.rows })]);
const CashValuesBody = z.union([z.string().min(1), z.strictObject({ rows: z.array(CashValueRow).min(1) })]);
const PublishBody = z.strictObject({ effectiveFrom: z.iso.date() });
const versionParam = new ZodValidationPipe(z.coerce.number().int().positive());
/** A product code in a path, checked as the catalogue writes them. */
export const codeParam = new ZodValidationPipe(ProductCode);

@ApiTags('products')
@ApiBearerAuth()
@Controller('products')
export class ProductHttpController {
  constructor(
    private readonly products: ProductService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a draft product version (numbered after the last version of the code)' })
  @ApiZodBody(NewProductBody)
  async create(
    @Correlation() ctx: RequestContext,
    @Body(new ZodValidationPipe(NewProductBody)) body: z.output<typeof NewProductBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const created = await this.products.create(body, principal.sub, ctx);
    return {
      productId: created.productId,
      productCode: created.productCode,
      version: created.version,
      status: created.status,
    };
  }

  @Put(':code/versions/:version/rates')
  @Roles('admin')
  @ApiConsumes('text/csv', 'application/json')
  @ApiOperation({
    summary: 'Upload the rate table: CSV entry_age,gender,payment_term,rate_per_1000_fen or JSON rows',
  })
  async rates(
    @Correlation() ctx: RequestContext,
    @Param('code', codeParam) code: string,
    @Param('version', versionParam) version: number,
    @Body() body: unknown,
  ) {
    const parsed = parseOrThrow(RatesBody, body);
    return this.products.uploadRates(code, version, typeof parsed === 'string' ? parsed : parsed.rows, ctx);
  }

  @Put(':code/versions/:version/cash-values')
  @Roles('admin')
  @ApiConsumes('text/csv', 'application/json')
  @ApiOperation({
    summary: 'Upload cash values: CSV entry_age,gender,payment_term,year_1..year_n or JSON rows',
  })
  async cashValues(
    @Correlation() ctx: RequestContext,
    @Param('code', codeParam) code: string,
    @Param('version', versionParam) version: number,
    @Body() body: unknown,
  ) {
    const parsed = parseOrThrow(CashValuesBody, body);
    return this.products.uploadCashValues(
      code,
      version,
      typeof parsed === 'string' ? parsed : parsed.rows,
      ctx,
    );
  }

  @Post(':code/versions/:version/publication')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Publish the version from an effective date; announces sales.product-published' })
  @ApiZodBody(PublishBody)
  publish(
    @Correlation() ctx: RequestContext,
    @Param('code', codeParam) code: string,
    @Param('version', versionParam) version: number,
    @Body(new ZodValidationPipe(PublishBody)) body: z.output<typeof PublishBody>,
  ) {
    return this.products.publish(code, version, body.effectiveFrom, ctx);
  }

  @Get()
  @Roles('agent', 'admin', 'integrator', 'analyst', 'compliance_officer')
  @ApiOperation({ summary: 'The catalogue: each product’s version in force today' })
  async catalogue() {
    const products = await this.products.catalogue(shanghaiDate(this.clock.now()));
    return products.map((p) => ({
      productCode: p.productCode,
      version: p.version,
      name: p.terms.name,
      type: p.terms.type,
      riskGrade: p.terms.riskGrade,
      effectiveFrom: p.effectiveFrom,
    }));
  }

  @Get(':code')
  @Roles('agent', 'admin', 'integrator', 'analyst', 'compliance_officer')
  @ApiOperation({ summary: 'The full definition of the version in force today, tables included' })
  async current(@Param('code', codeParam) code: string) {
    return toDefinition(await this.products.current(code, shanghaiDate(this.clock.now())));
  }

  @Get(':code/versions')
  @Roles('admin')
  @ApiOperation({ summary: 'Every version of a product, drafts included' })
  async versions(@Param('code', codeParam) code: string) {
    const versions = await this.products.versions(code);
    return versions.map((v) => ({
      productCode: v.productCode,
      version: v.version,
      status: v.status,
      effectiveFrom: v.effectiveFrom,
      ratesUploaded: rateTableOf(v) !== null,
      cashValuesUploaded: v.cashValues !== null,
    }));
  }
}
