import { InitialSchema1764400000000 } from './1764400000000-initial-schema';
import { UnitValidityLineage1764500000000 } from './1764500000000-unit-validity-lineage';

/** Every migration, in order. Listed by hand: no glob loading. */
export const MIGRATIONS = [InitialSchema1764400000000, UnitValidityLineage1764500000000];
