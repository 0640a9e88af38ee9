import type { Role } from '../auth/roles';
import type { UnitLevel } from '../template/types';

interface Actor {
  roles: readonly Role[];
  unitCode: string | null;
  unitLevel?: UnitLevel | null;
}

/**
 * Who may do what in a PAR round (on top of the round's own participants and stage windows):
 * - the commune's officers fill in, submit and explain their own sheet;
 * - the reviewers of the appraising unit (the province in two tiers, the district in three)
 *   appraise, adjust, finalise, and run the round (deadlines, survey, publication);
 * - administrators may do everything; nobody else reads a sheet or its evidence.
 */
const admin = (a: Actor) => a.roles.includes('administrator');

export const mayAuthorParCriteria = (a: Actor): boolean => admin(a) || (a.roles.includes('reviewer') && a.unitLevel === 'province');

export const mayRunParRound = (a: Actor, appraisingUnitCode: string): boolean => admin(a) || (a.roles.includes('reviewer') && a.unitCode === appraisingUnitCode);

export const mayFillParSheet = (a: Actor, unitCode: string): boolean => admin(a) || (a.roles.includes('officer') && a.unitCode === unitCode);

export const mayReadParSheet = (a: Actor, appraisingUnitCode: string, unitCode: string): boolean =>
  mayFillParSheet(a, unitCode) || mayRunParRound(a, appraisingUnitCode);
