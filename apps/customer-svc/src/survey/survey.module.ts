import { Global, Module } from '@nestjs/common';
import { SurveyService } from './application/survey.service';
import { SurveyHttpController } from './interface/survey.http.controller';

@Global()
@Module({ controllers: [SurveyHttpController], providers: [SurveyService], exports: [SurveyService] })
export class SurveyModule {}
