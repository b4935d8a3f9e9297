import { type INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { answerClientErrors } from './common/http/client-errors.js';
import { assignRequestId } from './common/http/request-id.js';
import { QuietBootstrapLogger } from './common/logging/quiet-bootstrap-logger.js';
import { consoleMiddleware } from './console/console-static.js';
import { STATUS_PUBLIC_ROUTES } from './status/public/public-status.controller.js';
import type { AppConfig } from './config/app-config.js';
import { HUB_VERSION } from './version.js';

export const API_PREFIX = 'api/v1';

/** Builds the hub with every adapter, middleware and document in place; main.ts and the tests share it. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    // A failed start rejects here (main.ts logs it and exits 1) instead of Nest calling
    // process.exit itself, which would also end a test runner's whole worker.
    abortOnError: false,
  });
  app.useLogger(new QuietBootstrapLogger(app.get(Logger)));
  answerClientErrors(app.getHttpServer());
  app.use(assignRequestId);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      hsts: config.publicUrl?.startsWith('https://') ?? false,
    }),
  );
  app.use(cookieParser());
  app.use(consoleMiddleware(config.consoleDir));
  // install-agent.sh sits at the root: it is the stable address admins type (src/downloads).
  // Public status pages (src/status) are served at /status/{slug}; their JSON spells out /api/v1.
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [{ path: 'install-agent.sh', method: RequestMethod.GET }, ...STATUS_PUBLIC_ROUTES],
  });
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}

function setupOpenApi(app: INestApplication): void {
  const doc = new DocumentBuilder()
    .setTitle('Hivewatch API')
    .setDescription(
      'REST API of the Hivewatch hub. Authenticate with the session cookie (console) or ' +
        '`Authorization: Bearer <API key or access token>` (automation).',
    )
    .setVersion(HUB_VERSION)
    .addBearerAuth()
    .addCookieAuth('hw_session')
    .build();
  const document = SwaggerModule.createDocument(app, doc);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
}
