import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Where `ng build` writes the console, relative to the repository root (angular.json outputPath). */
const CONSOLE_BUILD = path.join('dist', 'web', 'browser');
const API_PREFIX = '/api';
/** Public status pages (src/status) are the hub's own pages, not console routes. */
const STATUS_PAGES = '/status/';

/** The repository root: the folder holding the hub's package.json, found from src/ and dist/src/ alike. */
export function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string };
      if (pkg.name === 'hivewatch') return dir;
    }
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export function consoleBuildDir(): string {
  return path.join(repositoryRoot(), CONSOLE_BUILD);
}

/**
 * Serves the built Angular console from the hub's own origin: its files under `/`, and
 * `index.html` for every other GET outside `/api` (client-side routes such as `/servers/:id`).
 * Hashed bundles are cached for a year; `index.html` is revalidated so a new build is picked up.
 * Anything under `/api` passes through untouched. When the console is not built, `/` says how to build it.
 */
export function consoleMiddleware(dir: string = consoleBuildDir()): RequestHandler {
  const index = path.join(dir, 'index.html');
  const files = express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, file) => {
      res.setHeader(
        'Cache-Control',
        /-[A-Z0-9]{8}\.(js|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(req.path)) return next();
    files(req, res, () => {
      // No such file: a client-side route gets the app shell; a missing asset is a plain 404.
      if (path.extname(req.path) !== '') return next();
      if (!fs.existsSync(index)) {
        res
          .status(503)
          .type('text/plain')
          .send('The console is not built. Run `npm run build` (or `npm start`, which builds it).');
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  };
}

function isApi(p: string): boolean {
  return p === API_PREFIX || p.startsWith(`${API_PREFIX}/`) || p.startsWith(STATUS_PAGES);
}
