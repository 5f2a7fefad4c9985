import { Module } from '@nestjs/common';
import { DataSubjectService } from './application/data-subject.service';
import { DataSubjectHttpController } from './interface/data-subject.http.controller';

/** Export and erasure reach every feature's records, so this feature sits above them all. */
@Module({ controllers: [DataSubjectHttpController], providers: [DataSubjectService] })
export class DataSubjectModule {}
