import type { Role } from '../../modules/users/entities/user.entity';

/** The caller, as carried in the JWT. `unitPath` null means the whole system (administrators). */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitPath: string | null;
}
