import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { serializeSqliteTransactions } from './serialize-sqlite-transactions';
import { scopeTransactions } from './transaction-scope';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        migrationsRun: config.migrateOnStart,
        // Fail start-up fast with one clear line rather than retrying for half a minute.
        retryAttempts: 1,
        retryDelay: 500,
      }),
      dataSourceFactory: async (options) => serializeSqliteTransactions(scopeTransactions(await new DataSource(options!).initialize())),
    }),
  ],
})
export class DatabaseModule {}
