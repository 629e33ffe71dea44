import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_opinions';
import { migration0003 } from './0003_reminders_pledges';
import { migration0004 } from './0004_issued_documents';
import { migration0005 } from './0005_rules_by_purpose';
import { migration0006 } from './0006_clearances_revisits';
import { migration0008 } from './0008_audit_chain';
import { migration0009 } from './0009_pledge_target';
import { migration0013 } from './0013_printed_documents';
import { migration0014 } from './0014_backup_exporter_role';
import { migration0015 } from './0015_recusals';
import { migration0016 } from './0016_statistics_indexes';
import { migration0018 } from './0018_statistics_covering';
import type { Migration } from './types';

/**
 * All migrations, in order. Append only: a released migration is never edited.
 * (7 was reserved for work that did not need a schema change; a gap is harmless: each
 * file's version is what user_version holds after it.)
 */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0008,
  migration0009,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0018,
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export type { Migration };
