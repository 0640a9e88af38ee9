import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessPolicyService } from './access-policy.service';
import { AdminUnit } from './entities/admin-unit.entity';
import { UnitsLoaderService } from './units-loader.service';
import { UnitsService } from './units.service';

@Module({
  imports: [TypeOrmModule.forFeature([AdminUnit])],
  providers: [UnitsService, UnitsLoaderService, AccessPolicyService],
  exports: [UnitsService, UnitsLoaderService, AccessPolicyService],
})
export class UnitsModule {}
