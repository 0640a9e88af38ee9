import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { UnitsModule } from '../units/units.module';
import { AccountStateService } from './account-state.service';
import { User } from './entities/user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), UnitsModule, AuditModule],
  controllers: [UsersController],
  providers: [UsersService, AccountStateService],
  exports: [UsersService, AccountStateService],
})
export class UsersModule {}
