import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { forbidden, notFound } from '../../common/api-error';
import { AdminUnit } from './entities/admin-unit.entity';

export interface UnitRef {
  code: string;
  name: string;
  level: AdminUnit['level'];
}

export interface UnitFamily {
  unit: AdminUnit;
  children: AdminUnit[];
}

const FAMILY_TTL_MS = 60_000;
const FAMILY_CACHE_MAX = 5000;

@Injectable()
export class UnitsService {
  private readonly families = new Map<string, { at: number; value: UnitFamily }>();
  private readonly communeCounts = new Map<string, { at: number; value: number }>();

  constructor(@InjectRepository(AdminUnit) private readonly units: Repository<AdminUnit>) {}

  /**
   * A unit and its direct children (by code), cached briefly: rollups ask for the same family on every
   * pass, and the tree changes only when an administrator loads it into an empty table.
   */
  async familyOf(code: string): Promise<UnitFamily | null> {
    const hit = this.families.get(code);
    if (hit && hit.at > Date.now() - FAMILY_TTL_MS) return hit.value;
    const unit = await this.findByCode(code);
    if (!unit) return null;
    // By path prefix (indexed), not parent_code (not indexed).
    const children = await this.units
      .createQueryBuilder('u')
      .where('u.path LIKE :p AND u.depth = :d', { p: `${unit.path}%`, d: unit.depth + 1 })
      .orderBy('u.code', 'ASC')
      .getMany();
    const value = { unit, children };
    if (this.families.size > FAMILY_CACHE_MAX) this.families.clear();
    this.families.set(code, { at: Date.now(), value });
    return value;
  }

  /** How many communes lie under a unit (1 for a commune), cached like familyOf. */
  async communeCount(unit: Pick<AdminUnit, 'code' | 'path' | 'level'>): Promise<number> {
    if (unit.level === 'commune') return 1;
    const hit = this.communeCounts.get(unit.code);
    if (hit && hit.at > Date.now() - FAMILY_TTL_MS) return hit.value;
    const value = await this.units
      .createQueryBuilder('u')
      .where('u.path LIKE :p AND u.level = :l', { p: `${unit.path}%`, l: 'commune' })
      .getCount();
    if (this.communeCounts.size > FAMILY_CACHE_MAX) this.communeCounts.clear();
    this.communeCounts.set(unit.code, { at: Date.now(), value });
    return value;
  }

  findByCode(code: string): Promise<AdminUnit | null> {
    return this.units.findOne({ where: { code } });
  }

  async getOrThrow(code: string): Promise<AdminUnit> {
    const unit = /^\d{1,10}$/.test(code) ? await this.findByCode(code) : null;
    if (!unit) throw notFound(`Không tìm thấy đơn vị hành chính có mã "${code}".`, `No administrative unit with code "${code}".`, 'unitCode');
    return unit;
  }

  /** True when `unit` lies in the caller's subtree (administrators see everything). */
  canAccess(user: AuthUser, unit: Pick<AdminUnit, 'path'>): boolean {
    return user.unitPath === null || unit.path.startsWith(user.unitPath);
  }

  /** The unit, if it exists (404) and lies in the caller's subtree (403). */
  async getAccessible(user: AuthUser, code: string): Promise<AdminUnit> {
    const unit = await this.getOrThrow(code);
    if (!this.canAccess(user, unit)) throw forbidden();
    return unit;
  }

  children(code: string): Promise<AdminUnit[]> {
    return this.units.find({ where: { parentCode: code }, order: { code: 'ASC' } });
  }

  /** Leaf units (communes) in a subtree, the unit itself included when it is one. */
  communesUnder(unit: AdminUnit): Promise<AdminUnit[]> {
    if (unit.level === 'commune') return Promise.resolve([unit]);
    return this.units
      .createQueryBuilder('u')
      .where('u.path LIKE :p', { p: `${unit.path}%` })
      .andWhere('u.level = :l', { l: 'commune' })
      .orderBy('u.code', 'ASC')
      .getMany();
  }

  async ancestors(unit: AdminUnit): Promise<AdminUnit[]> {
    const codes = unit.path.split('/').filter(Boolean).slice(0, -1);
    if (codes.length === 0) return [];
    const rows = await this.units.find({ where: { code: In(codes) } });
    return codes.map((c) => rows.find((r) => r.code === c)).filter((r): r is AdminUnit => !!r);
  }
}
