import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@insurer/platform-observability';

/**
 * The dashboard page and its charting library. Both are public static files: the data behind them comes from the
 * token-protected REST API, called from the page with the viewer's token.
 */
// The build copies the page next to the compiled controller; under jest it sits beside the source.
const PAGE = readFileSync(join(__dirname, 'dashboard.html'), 'utf8');

/**
 * The page may run its own inline script (allowed by its hash, so an injected one is not) and the charting library
 * from this origin, call only this origin's API, and be framed by nobody.
 */
export function dashboardContentSecurityPolicy(page: string): string {
  const inline = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    `script-src 'self' ${inline.join(' ')}`,
    // ECharts sizes its canvas through style attributes.
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const PAGE_CSP = dashboardContentSecurityPolicy(PAGE);

@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  private readonly page = PAGE;
  private readonly echarts = readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');

  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  @Header('content-security-policy', PAGE_CSP)
  html() {
    return this.page;
  }

  @Get('echarts.js')
  @Public()
  @Header('content-type', 'application/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=86400')
  script() {
    return this.echarts;
  }
}
