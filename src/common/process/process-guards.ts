import { Logger } from '@nestjs/common';

/** How many faults the guards caught since start (shown by the health endpoint). */
export const processFaults = { unhandledRejections: 0, uncaughtExceptions: 0 };

let installed = false;

/**
 * Keeps a serving hub alive when some code path lets an error escape: an unhandled rejection or an
 * uncaught exception is logged with its stack and counted, and the hub goes on serving every other
 * client. Installed only once the hub listens — a failure during start-up must still end the process.
 * Components that hold state they cannot trust after a fault restart themselves (see
 * docs/security.md); the guard is the last net, not the error handling.
 */
export function installProcessGuards(logger: Pick<Logger, 'error'> = new Logger('Process')): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason: unknown) => {
    processFaults.unhandledRejections++;
    logger.error(
      { err: reason, fault: 'unhandledRejection' },
      'unhandled promise rejection; the hub keeps serving',
    );
  });
  process.on('uncaughtException', (err: Error, origin: string) => {
    processFaults.uncaughtExceptions++;
    logger.error({ err, fault: origin }, 'uncaught exception; the hub keeps serving');
  });
}
