import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { UnitsModule } from '../units/units.module';
import { LineageUnmatched } from './entities/lineage-unmatched.entity';
import { UnitLineage } from './entities/unit-lineage.entity';
import { LineageLoaderService } from './lineage-loader.service';
import { LineageService } from './lineage.service';

/**
 * Lineage between official trees: which old units a unit of today's tree came from. A platform module
 * beside units (it reads no reports); figures re-aggregate old periods onto today's tree through it.
 */
@Module({
  imports: [UnitsModule, TypeOrmModule.forFeature([AdminUnit, UnitLineage, LineageUnmatched])],
  providers: [LineageService, LineageLoaderService],
  exports: [LineageService, LineageLoaderService, TypeOrmModule],
})
export class LineageModule {}
