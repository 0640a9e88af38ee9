import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { BootstrapModule } from './bootstrap/bootstrap.module';
import { AccessGuard } from './modules/auth/access.guard';
import { RouteAccessAuditor } from './common/auth/route-access.auditor';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AuditHttpModule } from './modules/audit/audit-http.module';
import { AuthModule } from './modules/auth/auth.module';
import { ExportsModule } from './modules/outputs/exports/exports.module';
import { ImportsModule } from './modules/outputs/imports/imports.module';
import { TemplateWorkbooksModule } from './modules/outputs/template-workbooks/template-workbooks.module';
import { HealthModule } from './modules/health/health.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { PeriodsHttpModule } from './modules/periods/periods-http.module';
import { FiguresModule } from './modules/figures/figures.module';
import { ReportsHttpModule } from './modules/reports/reports-http.module';
import { RollupsModule } from './modules/rollups/rollups.module';
import { TemplatesHttpModule } from './modules/templates/templates-http.module';
import { UnitsHttpModule } from './modules/units/units-http.module';
import { LineageHttpModule } from './modules/lineage/lineage-http.module';
import { NoticesHttpModule } from './modules/notices/notices-http.module';
import { QualityModule } from './modules/quality/quality.module';
import { UsersModule } from './modules/users/users.module';
import { IdempotencyModule } from './modules/idempotency/idempotency.module';
import { ParHttpModule } from './modules/par/par-http.module';
import { QueueModule } from './queue/queue.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        DiscoveryModule,
        DatabaseModule,
        QueueModule,
        JwtModule.registerAsync({
          global: true,
          inject: [APP_CONFIG],
          // A key object, made once: given the string, jsonwebtoken first tries it as a PEM public key on every
          // verification, which cost more than the rest of an authenticated read.
          useFactory: (c: AppConfig) => ({ secret: createSecretKey(Buffer.from(c.jwtSecret)), signOptions: { expiresIn: c.jwtTtl as `${number}m` } }),
        }),
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: AppConfig) => [{ name: 'login', ttl: 60_000, limit: c.loginThrottleLimit }],
        }),
        HealthModule,
        MetricsModule,
        UnitsHttpModule,
        LineageHttpModule,
        TemplatesHttpModule,
        PeriodsHttpModule,
        UsersModule,
        IdempotencyModule,
        AuthModule,
        AuditHttpModule,
        ReportsHttpModule,
        RollupsModule,
        FiguresModule,
        ExportsModule,
        ImportsModule,
        TemplateWorkbooksModule,
        NoticesHttpModule,
        QualityModule,
        ParHttpModule,
        BootstrapModule,
      ],
      // Every route goes through the one access guard; the auditor stops start-up when a route declares no action.
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }, RouteAccessAuditor],
    };
  }
}
