import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({
  imports: [UsersModule, UnitsModule],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthModule {}
