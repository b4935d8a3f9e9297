/* eslint-disable no-console -- bootstrap reports configuration errors before a logger exists */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { installProcessGuards } from './common/process/process-guards.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { PRIVATE_UMASK } from './database/data-files.js';
import { InitialCredentialsBanner } from './users/initial-credentials-banner.js';
import { InitialCredentialsFile } from './users/initial-credentials-file.js';

async function bootstrap(): Promise<void> {
  // the database holds the signing keys: nothing the hub creates is readable by other users
  process.umask(PRIVATE_UMASK);
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  installProcessGuards();
  new Logger('Hub').log(`listening on ${config.host}:${config.port}`);
  // last in the start-up output, so the first sign-in's password can be found after the banner scrolled away
  const credentials = app.get(InitialCredentialsFile);
  if (credentials.username) app.get(InitialCredentialsBanner).remind(credentials.username, credentials.path);
}

bootstrap().catch((err: unknown) => {
  console.error('the hub could not start:', err);
  process.exit(1);
});
