import { Controller, Get, Param, Req, Res, RequestMethod } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { STATUS_SLUG_PATTERN } from '@hivewatch/protocol';
import type { Request, Response } from 'express';
import { Access } from '../../common/auth/access.decorator.js';
import { STATUS_CACHE_MS } from '../status-cache.js';
import { PublicStatusService } from './public-status.service.js';
import { NOT_FOUND_HTML, statusDayHtml } from './status-day-html.js';
import { statusPageHtml } from './status-html.js';
import { StatusRateLimiter } from './status-rate-limiter.js';
import { STATUS_CSP } from './status-style.js';

/** The public routes live outside the `/api/v1` prefix or spell it out: app.factory excludes these. */
export const STATUS_PUBLIC_ROUTES = [
  { path: 'status/:slug', method: RequestMethod.GET },
  { path: 'status/:slug/day/:date', method: RequestMethod.GET },
  { path: 'api/v1/status/:slug', method: RequestMethod.GET },
  { path: 'api/v1/status/:slug/day/:date', method: RequestMethod.GET },
];

/** `:slug/day/:date` (checked by the service: an unknown slug or a bad date is a 404). */
interface DayParams {
  slug: string;
  date: string;
}

const NOT_FOUND_JSON = { statusCode: 404, error: 'Not Found', message: 'status page not found' };
const CACHE_CONTROL = `public, max-age=${STATUS_CACHE_MS / 1000}`;

/** `GET /status/{slug}[/day/{date}]`: server-rendered, no script (docs/status-pages.md). */
@ApiExcludeController()
@Controller('status')
@Access('public')
export class StatusHtmlController {
  constructor(
    private readonly status: PublicStatusService,
    private readonly limiter: StatusRateLimiter,
  ) {}

  @Get(':slug')
  async page(@Param('slug') slug: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (this.limited('html', req, res)) return;
    sendHtml(
      res,
      STATUS_SLUG_PATTERN.test(slug) ? await this.status.rendered('html', slug, statusPageHtml) : null,
    );
  }

  @Get(':slug/day/:date')
  async day(@Param() { slug, date }: DayParams, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (this.limited('html', req, res)) return;
    const day = STATUS_SLUG_PATTERN.test(slug) ? await this.status.day(slug, date) : null;
    sendHtml(res, day ? statusDayHtml(day) : null);
  }

  private limited(kind: 'html', req: Request, res: Response): boolean {
    return tooMany(this.limiter.admit(kind, req.ip), res, true);
  }
}

/** `GET /api/v1/status/{slug}[/day/{date}]`: the public JSON, rate-limited per client address. */
@Controller('api/v1/status')
@Access('public')
export class StatusJsonController {
  constructor(
    private readonly status: PublicStatusService,
    private readonly limiter: StatusRateLimiter,
  ) {}

  @Get(':slug')
  async page(@Param('slug') slug: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (tooMany(this.limiter.admit('json', req.ip), res, false)) return;
    const text = STATUS_SLUG_PATTERN.test(slug)
      ? await this.status.rendered('json', slug, JSON.stringify)
      : null;
    res.setHeader('Cache-Control', text ? CACHE_CONTROL : 'no-store');
    if (text) res.status(200).type('application/json; charset=utf-8').send(text);
    else res.status(404).json(NOT_FOUND_JSON);
  }

  @Get(':slug/day/:date')
  async day(@Param() { slug, date }: DayParams, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (tooMany(this.limiter.admit('json', req.ip), res, false)) return;
    sendJson(res, STATUS_SLUG_PATTERN.test(slug) ? await this.status.day(slug, date) : null);
  }
}

function tooMany(retryAfter: number | null, res: Response, html: boolean): boolean {
  if (retryAfter === null) return false;
  res.status(429).setHeader('Retry-After', String(retryAfter));
  const body = { statusCode: 429, error: 'Too Many Requests', message: `try again in ${retryAfter} s` };
  if (html) res.setHeader('Content-Security-Policy', STATUS_CSP).type('text/plain').send(body.message);
  else res.json(body);
  return true;
}

function sendHtml(res: Response, html: string | null): void {
  res.setHeader('Content-Security-Policy', STATUS_CSP);
  res.setHeader('Cache-Control', html ? CACHE_CONTROL : 'no-store');
  res
    .status(html ? 200 : 404)
    .type('text/html; charset=utf-8')
    .send(html ?? NOT_FOUND_HTML);
}

function sendJson(res: Response, body: object | null): void {
  res.setHeader('Cache-Control', body ? CACHE_CONTROL : 'no-store');
  res.status(body ? 200 : 404).json(body ?? NOT_FOUND_JSON);
}
