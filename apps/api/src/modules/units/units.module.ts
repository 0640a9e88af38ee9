import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessPolicyService } from '../../common/auth/access-policy.service';
import { AdminUnit } from './entities/admin-unit.entity';
import { UnitsLoaderService } from './units-loader.service';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

@Module({
  imports: [TypeOrmModule.forFeature([AdminUnit])],
  controllers: [UnitsController],
  providers: [UnitsService, UnitsLoaderService, AccessPolicyService],
  exports: [UnitsService, UnitsLoaderService, AccessPolicyService],
})
export class UnitsModule {}
