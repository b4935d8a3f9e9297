import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { buildDataSourceOptions } from './data-source.js';
import { ConfigEntry } from './config-entry.entity.js';
import { SettingsStore } from './settings.store.js';
import { TransactionRunner } from './transaction-runner.js';

/** The connection, settings and the one transaction queue: global, so every feature shares them. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.database, config.dataDir),
        migrationsRun: config.runMigrations,
        migrationsTransactionMode: 'each' as const,
      }),
    }),
    TypeOrmModule.forFeature([ConfigEntry]),
  ],
  providers: [SettingsStore, TransactionRunner],
  exports: [SettingsStore, TransactionRunner],
})
export class DatabaseModule {}
