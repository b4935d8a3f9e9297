import { Injectable } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { EmailSecrets, EmailSettings } from '../dto/channel.dto.js';
import type { NotificationMessage } from '../message.js';
import { renderHtml, renderText, renderTitle } from '../templates.js';
import {
  DeliveryError,
  type ChannelSender,
  type ResolvedChannel,
  type SendResult,
} from './channel-sender.js';
import { smtpFailureKind } from './failure-kind.js';

/** SMTP through nodemailer, one connection per message (alerts are rare; no pool to keep alive). */
@Injectable()
export class EmailSender implements ChannelSender {
  async send(channel: ResolvedChannel, m: NotificationMessage, timeoutMs: number): Promise<SendResult> {
    const s = channel.settings as EmailSettings;
    const { password } = channel.secrets as EmailSecrets;
    const transport = nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.tlsMode === 'tls',
      requireTLS: s.tlsMode === 'starttls',
      ignoreTLS: s.tlsMode === 'none',
      auth: s.username ? { user: s.username, pass: password ?? '' } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    try {
      const info = await transport.sendMail({
        from: s.from,
        to: s.to,
        subject: renderTitle(m),
        text: renderText(m),
        html: renderHtml(m),
      });
      return { responseCode: smtpCode(info.response) };
    } catch (err) {
      const e = err as { message?: string; responseCode?: number };
      const code = e.responseCode ?? null;
      throw new DeliveryError(`SMTP: ${e.message ?? String(err)}`, code, null, smtpFailureKind(code));
    } finally {
      transport.close();
    }
  }
}

function smtpCode(response: unknown): number | null {
  const code = typeof response === 'string' ? Number.parseInt(response.slice(0, 3), 10) : NaN;
  return Number.isFinite(code) ? code : null;
}
