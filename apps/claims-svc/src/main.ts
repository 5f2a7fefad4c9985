import 'reflect-metadata';
import { defineService, runService } from '@insurer/platform-runtime';
import { service } from './service';

runService(defineService(service));
