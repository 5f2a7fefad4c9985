import { Module } from '@nestjs/common';
import { StaffService } from './application/staff.service';
import { StaffHttpController } from './interface/staff.http.controller';

@Module({ controllers: [StaffHttpController], providers: [StaffService] })
export class StaffModule {}
