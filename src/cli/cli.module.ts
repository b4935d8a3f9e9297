import { Module } from '@nestjs/common';
import { CliBundleService } from './cli-bundle.service.js';
import { CliController } from './cli.controller.js';

/** Serves the `hivewatch` command line bundle (libs/client) to pipelines. */
@Module({ controllers: [CliController], providers: [CliBundleService] })
export class CliModule {}
