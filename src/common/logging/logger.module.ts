import type { IncomingMessage } from 'node:http';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import { pino } from 'pino';
import { AppConfig } from '../../config/app-config.js';
import { requestIdOf } from '../http/request-id.js';

/** Paths that may carry a secret: removed from every log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  // a redirect to a sign-in provider carries the round trip's `state`
  'res.headers.location',
  '*.password',
  '*.token',
  '*.api_key',
  '*.key',
];

export const LoggerModule = PinoLoggerModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    pinoHttp: {
      level: config.log.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage) => requestIdOf(req),
      customProps: () => ({ service: 'hub' }),
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/v1/health' },
      // Only the path: query strings never reach the log.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
      },
      transport:
        config.log.format === 'pretty'
          ? {
              target: 'pino-pretty',
              options: {
                singleLine: true,
                translateTime: 'SYS:HH:MM:ss.l',
                destination: config.log.file ?? 1,
              },
            }
          : undefined,
      stream:
        config.log.format === 'json' && config.log.file
          ? pino.destination({ dest: config.log.file, mkdir: true, sync: false })
          : undefined,
    },
  }),
});
