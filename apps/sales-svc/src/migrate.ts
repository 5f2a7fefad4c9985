import 'reflect-metadata';
import { runMigrationsCli } from '@insurer/platform-runtime';
import { service } from './service';

runMigrationsCli(service);
