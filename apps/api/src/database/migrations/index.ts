import { InitialSchema1764400000000 } from './1764400000000-initial-schema';
import { ReportDocument1764900000000 } from './1764900000000-report-document';

/** Every migration, in order. Listed by hand: no glob loading. */
export const MIGRATIONS = [InitialSchema1764400000000, ReportDocument1764900000000];
