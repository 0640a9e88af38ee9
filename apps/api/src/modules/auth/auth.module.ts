import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokenService } from './access-token.service';
import { AuditModule } from '../audit/audit.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RevokedToken } from './entities/revoked-token.entity';
import { LoginThrottleService } from './login-throttle.service';
import { TokenRevocationService } from './token-revocation.service';

@Module({
  imports: [TypeOrmModule.forFeature([RevokedToken]), UsersModule, UnitsModule, AuditModule],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottleService, TokenRevocationService, AccessTokenService],
  // The global guard (AppModule) authenticates every request through AccessTokenService.
  exports: [TokenRevocationService, AccessTokenService],
})
export class AuthModule {}
