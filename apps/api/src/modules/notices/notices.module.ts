import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportsModule } from '../reports/reports.module';
import { UnitsModule } from '../units/units.module';
import { User } from '../users/entities/user.entity';
import { Notice } from './entities/notice.entity';
import { Reminder } from './entities/reminder.entity';
import { NoticeEmailProcessor } from './jobs/notice-email.processor';
import { RemindersProcessor } from './jobs/reminders.processor';
import { MailerService } from './mailer.service';
import { NoticesClock } from './notices.clock';
import { NoticesService } from './notices.service';
import { ReportNoticesListener } from './report-notices.listener';
import { RemindersService } from './reminders.service';

/** In-app notices, e-mail through the queue, reminders and "Nhắc nộp". Listens to reports; reports never imports it. */
@Module({
  imports: [TypeOrmModule.forFeature([Notice, Reminder, User]), ReportsModule, UnitsModule],
  providers: [MailerService, NoticesClock, NoticesService, RemindersService, ReportNoticesListener, NoticeEmailProcessor, RemindersProcessor],
  exports: [NoticesService, RemindersService, NoticesClock, MailerService],
})
export class NoticesModule {}
