import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@insurer/platform-observability';

/**
 * The dashboard page and its charting library. Both are public static files: the data behind them comes from the
 * token-protected REST API, called from the page with the viewer's token.
 */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  // The build copies the page next to the compiled controller; under jest it sits beside the source.
  private readonly page = readFileSync(join(__dirname, 'dashboard.html'), 'utf8');
  private readonly echarts = readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');

  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
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
