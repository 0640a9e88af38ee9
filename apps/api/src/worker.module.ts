import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';
import { GLOBAL_MODULE_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { NoticesModule } from './modules/notices/notices.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ParModule } from './modules/par/par.module';
import { RollupsModule } from './modules/rollups/rollups.module';
import { QueueModule } from './queue/queue.module';

const MODULE_KEYS = Object.values<string>(MODULE_METADATA);
const stripped = new Map<Type, Type>();

function isModuleClass(x: unknown): x is Type {
  return typeof x === 'function' && Reflect.getMetadataKeys(x).some((k) => MODULE_KEYS.includes(k as string));
}

/**
 * The same feature module (and, through it, the feature modules it imports) without its controllers:
 * a worker has no HTTP server, so it should not build controllers nor what their routes need.
 * Reads the modules' own metadata, so their owners keep declaring them in one place.
 */
export function withoutControllers(mod: Type): Type {
  const hit = stripped.get(mod);
  if (hit) return hit;
  const copy = { [mod.name]: class extends (mod as Type<object>) {} }[mod.name];
  stripped.set(mod, copy);
  const read = (key: string) => ((Reflect.getMetadata(key, mod) ?? []) as unknown[]).map((x) => (isModuleClass(x) ? withoutControllers(x) : x));
  Module({
    imports: read(MODULE_METADATA.IMPORTS) as Type[],
    providers: (Reflect.getMetadata(MODULE_METADATA.PROVIDERS, mod) as Provider[] | undefined) ?? [],
    exports: read(MODULE_METADATA.EXPORTS) as Type[],
    controllers: [],
  })(copy);
  if (Reflect.getMetadata(GLOBAL_MODULE_METADATA, mod)) Global()(copy);
  return copy;
}

/**
 * What `npm run worker` runs: configuration, database, queue, the rollup, PAR deadline and notices processors and
 * its metrics; no HTTP server (only /metrics on METRICS_PORT when set), controllers, throttler, static files or queue dashboard.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), DatabaseModule, QueueModule, withoutControllers(RollupsModule), withoutControllers(ParModule), withoutControllers(NoticesModule), MetricsModule],
    };
  }
}
