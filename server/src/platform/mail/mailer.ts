import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'log';
  send(mail: Mail): Promise<void>;
}

/** SMTP when SMTP_URL is set; otherwise mail is written to the log (development, first run). */
export function openMailer(config: { SMTP_URL?: string; MAIL_FROM: string }, log: Logger): Mailer {
  if (!config.SMTP_URL) {
    return {
      kind: 'log',
      async send(mail) {
        log.info({ mail: { to: mail.to, subject: mail.subject, text: mail.text } }, 'mail (no SMTP_URL configured, written to the log)');
      },
    };
  }
  const transport = nodemailer.createTransport(config.SMTP_URL);
  return {
    kind: 'smtp',
    async send(mail) {
      await transport.sendMail({ from: config.MAIL_FROM, ...mail });
    },
  };
}
