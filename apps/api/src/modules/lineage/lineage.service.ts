import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { UnitsService } from '../units/units.service';
import { LineageUnmatched } from './entities/lineage-unmatched.entity';
import { UnitLineage } from './entities/unit-lineage.entity';
import { LINEAGE_ATTRIBUTION } from './lineage-attribution';

export interface LinkedUnit {
  code: string;
  name: string;
  level: AdminUnit['level'];
  tree: AdminUnit['tree'];
  validFrom: string;
  validTo: string | null;
  path: string;
  /** True when the old unit was divided among several new ones. */
  split: boolean;
  /** Fraction of the old unit that went this way; 1 when whole, null for a split of unknown share. */
  share: number | null;
}

export interface UnitLineageView {
  unit: { code: string; name: string; level: AdminUnit['level']; tree: AdminUnit['tree']; validFrom: string; validTo: string | null };
  predecessors: LinkedUnit[];
  successors: LinkedUnit[];
  /** Set when the lineage source could not link this unit, with its reason. */
  unmatched: { reason: string; hint: string | null } | null;
  attribution: typeof LINEAGE_ATTRIBUTION;
}

/** Reads the lineage between trees: which old units a new unit came from, and where an old one went. */
@Injectable()
export class LineageService {
  constructor(
    private readonly units: UnitsService,
    @InjectRepository(AdminUnit) private readonly unitRepo: Repository<AdminUnit>,
    @InjectRepository(UnitLineage) private readonly edges: Repository<UnitLineage>,
    @InjectRepository(LineageUnmatched) private readonly unmatched: Repository<LineageUnmatched>,
  ) {}

  /** The old units the unit (code at a date, default today) was formed from, by code. */
  async predecessorsOf(newCode: string, atDate?: string): Promise<LinkedUnit[]> {
    const unit = await this.units.getOrThrow(newCode, atDate);
    return this.predecessorsOfUnit(unit);
  }

  async predecessorsOfUnit(unit: AdminUnit): Promise<LinkedUnit[]> {
    const edges = await this.edges.find({ where: { newCode: unit.code, newValidFrom: unit.validFrom }, order: { oldCode: 'ASC' } });
    return this.link(edges.map((e) => ({ code: e.oldCode, validFrom: e.oldValidFrom, edge: e })));
  }

  async successorsOfUnit(unit: AdminUnit): Promise<LinkedUnit[]> {
    const edges = await this.edges.find({ where: { oldCode: unit.code, oldValidFrom: unit.validFrom }, order: { newCode: 'ASC' } });
    return this.link(edges.map((e) => ({ code: e.newCode, validFrom: e.newValidFrom, edge: e })));
  }

  async lineageOf(unit: AdminUnit): Promise<UnitLineageView> {
    const [predecessors, successors, miss] = await Promise.all([
      this.predecessorsOfUnit(unit),
      this.successorsOfUnit(unit),
      this.unmatched.findOne({ where: { code: unit.code, validFrom: unit.validFrom } }),
    ]);
    return {
      unit: { code: unit.code, name: unit.name, level: unit.level, tree: unit.tree, validFrom: unit.validFrom, validTo: unit.validTo },
      predecessors,
      successors,
      unmatched: miss ? { reason: miss.reason, hint: miss.hint } : null,
      attribution: LINEAGE_ATTRIBUTION,
    };
  }

  /** The lineage edges into a unit of today's tree, and the old units at their ends. */
  async inbound(unit: AdminUnit): Promise<{ edges: UnitLineage[]; linked: LinkedUnit[] }> {
    const edges = await this.edges.find({ where: { newCode: unit.code, newValidFrom: unit.validFrom } });
    return { edges, linked: await this.link(edges.map((e) => ({ code: e.oldCode, validFrom: e.oldValidFrom, edge: e }))) };
  }

  private async link(ends: Array<{ code: string; validFrom: string; edge: UnitLineage }>): Promise<LinkedUnit[]> {
    if (ends.length === 0) return [];
    const rows = await this.unitRepo.find({ where: { code: In(ends.map((e) => e.code)) } });
    const byKey = new Map(rows.map((u) => [`${u.code}@${u.validFrom}`, u]));
    return ends.flatMap(({ code, validFrom, edge }) => {
      const u = byKey.get(`${code}@${validFrom}`);
      if (!u) return [];
      return [{ code, name: u.name, level: u.level, tree: u.tree, validFrom: u.validFrom, validTo: u.validTo, path: u.path, split: edge.split, share: edge.share }];
    });
  }
}
