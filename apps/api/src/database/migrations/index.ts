import { InitialSchema1764400000000 } from './1764400000000-initial-schema';

/** Every migration, in order. Listed by hand: no glob loading. */
export const MIGRATIONS = [InitialSchema1764400000000];
