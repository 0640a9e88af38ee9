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

@Injectable()
export class UnitsService {
  constructor(@InjectRepository(AdminUnit) private readonly units: Repository<AdminUnit>) {}

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
