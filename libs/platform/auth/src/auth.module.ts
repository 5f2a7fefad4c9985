import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { JwtVerifier, type JwtSettings } from './jwt';

@Global()
@Module({})
export class AuthModule {
  static forRoot(settings: JwtSettings): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: JwtVerifier, useValue: new JwtVerifier(settings) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [JwtVerifier],
    };
  }
}
