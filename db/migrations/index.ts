import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_opinions';
import { migration0003 } from './0003_reminders_pledges';
import { migration0008 } from './0008_audit_chain';
import type { Migration } from './types';

/** All migrations, in order. Append only: a released migration is never edited. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0008];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export type { Migration };
