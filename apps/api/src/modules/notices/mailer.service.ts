import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** SMTP through nodemailer; without SMTP_URL there is no transport and notices stay in-app. */
@Injectable()
export class MailerService implements OnModuleDestroy {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.notices.smtpUrl ? createTransport(config.notices.smtpUrl) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** Throws on any SMTP failure, so the queue retries the job. */
  async send(msg: MailMessage): Promise<void> {
    if (!this.transport) throw new Error('SMTP is not configured');
    await this.transport.sendMail({ from: this.config.notices.mailFrom, to: msg.to, subject: msg.subject, text: msg.text });
    this.logger.debug(`mail sent to ${msg.to.replace(/^(.).*@/, '$1…@')}`);
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
