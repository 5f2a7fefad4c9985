import { AppError } from '@insurer/platform-errors';

export class RebuildRunningError extends AppError {
  constructor(generation: number) {
    super('PROJECTION.REBUILD_RUNNING', 'conflict', `generation ${generation} is still being rebuilt`, {
      params: { generation },
    });
  }
}
