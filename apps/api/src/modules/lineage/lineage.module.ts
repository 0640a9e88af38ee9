import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { UnitsModule } from '../units/units.module';
import { LineageUnmatched } from './entities/lineage-unmatched.entity';
import { UnitLineage } from './entities/unit-lineage.entity';
import { LineageLoaderService } from './lineage-loader.service';
import { LineageController } from './lineage.controller';
import { LineageService } from './lineage.service';

/**
 * Lineage between official trees. Its own module, not inside units: history reads reports, and reports
 * depend on units, so units must not depend back on reports.
 */
@Module({
  imports: [UnitsModule, TypeOrmModule.forFeature([AdminUnit, UnitLineage, LineageUnmatched])],
  controllers: [LineageController],
  providers: [LineageService, LineageLoaderService],
  exports: [LineageService, LineageLoaderService],
})
export class LineageModule {}
