import { HttpStatus, Injectable } from '@nestjs/common';
import { ACCESS_POLICY, decideAccess, type AccessAction, type AccessTarget, type ActionPolicy } from '@cchc/shared';
import { ApiError, forbidden } from '../../common/api-error';
import type { AdminUnit } from './entities/admin-unit.entity';
import { isNationalCode } from './unit-trees';
import { UnitsService } from './units.service';
import type { AuthUser } from '../../common/auth/auth-user';
import type { AccessSpec } from '../../common/auth/auth.decorators';

/** The request as the guard reads it. */
export interface AccessRequest {
  params?: Record<string, string | undefined>;
  query?: Record<string, unknown>;
}

/**
 * The API's one place that asks the shared access policy: the guard for every route, and services for a
 * unit they resolve themselves (a report's unit as of its period, every row of an import).
 */
@Injectable()
export class AccessPolicyService {
  constructor(private readonly units: UnitsService) {}

  /** The action this request performs (a query value may switch it, e.g. tree=current). */
  actionOf(spec: AccessSpec, req: AccessRequest): AccessAction {
    if (spec.when && req.query?.[spec.when.query] === spec.when.equals) return spec.when.action;
    return spec.action;
  }

  /** The unit the route names: 404 when it does not exist (at that date), 400 for a bad date. */
  async targetOf(spec: AccessSpec, req: AccessRequest): Promise<AdminUnit | 'national' | null> {
    if (!spec.unit) return null;
    const code = req.params?.[spec.unit] ?? '';
    if (spec.national && isNationalCode(code)) return 'national';
    const at = spec.at ? req.query?.[spec.at] : undefined;
    return this.units.getOrThrow(code, typeof at === 'string' && at !== '' ? at : undefined);
  }

  decide(user: AuthUser, action: AccessAction, target: AccessTarget) {
    return decideAccess(user, action, target);
  }

  /** 403 `forbidden` outside the caller's subtree, 403 `forbidden_role` when its roles do not grant the action there. */
  assert(user: AuthUser, action: AccessAction, target: AccessTarget): void {
    const d = decideAccess(user, action, target);
    if (d.allowed) return;
    if (d.reason === 'scope') {
      if (target === 'national') throw forbidden('Chỉ quản trị viên được thao tác trên số liệu toàn quốc.', 'Only administrators may act on the whole country.');
      throw forbidden();
    }
    const p: ActionPolicy = ACCESS_POLICY[action];
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'forbidden_role',
      p.denied?.vi ?? `Vai trò của bạn không được phép thực hiện thao tác này với đơn vị này (${p.vi.toLowerCase()}).`,
      p.denied?.en ?? `Your role may not do this for this unit (${action}: ${p.en}).`,
      undefined,
      { action, relation: d.relation },
    );
  }

  /** A unit code resolved at a date (404), then the policy's answer for it (403): for services resolving units themselves. */
  async getFor(user: AuthUser, action: AccessAction, code: string, atDate?: string): Promise<AdminUnit> {
    const unit = await this.units.getOrThrow(code, atDate);
    this.assert(user, action, unit);
    return unit;
  }
}
