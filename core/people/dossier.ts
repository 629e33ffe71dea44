/** A person's page: everything the office holds on them, each with a link target. */
import type { Db } from '../../db/open';
import type { OpinionGiven } from '../opinions/contract';
import { listPendingOf } from '../pendingMatters/queries';
import { listSanctionsOf } from '../sanctions/queries';
import type { PendingMatter } from '../pendingMatters/contract';
import type { Sanction } from '../sanctions/contract';
import type { PledgeSigned } from '../pledges/contract';
import { pledgesOf } from '../pledges/records';
import type { Person } from './contract';
import type { Clearance } from '../clearances/contract';
import { listClearancesOf } from '../clearances/records';
import type { Revisit } from '../revisits/contract';
import { listRevisitsOf } from '../revisits/records';

export interface Dossier {
  person: Person;
  sanctions: Sanction[];
  pendingMatters: PendingMatter[];
  opinions: OpinionGiven[];
  pledges: PledgeSigned[];
  clearances: Clearance[];
  revisits: Revisit[];
}

export function opinionsGivenOn(db: Db, personId: string): OpinionGiven[] {
  return (
    db
      .prepare(
        `SELECT y.id AS reply_id, q.id AS request_id, y.status, y.doc_number, y.reply_date, q.requester, q.purpose, i.category, i.wording
         FROM opinion_reply_items i JOIN opinion_replies y ON y.id = i.reply_id JOIN opinion_requests q ON q.id = y.request_id
         WHERE i.person_id = ? AND q.deleted_at IS NULL ORDER BY y.reply_date DESC, y.created_at DESC`,
      )
      .all(personId) as {
      reply_id: string;
      request_id: string;
      status: OpinionGiven['status'];
      doc_number: string | null;
      reply_date: string;
      requester: string;
      purpose: OpinionGiven['purpose'];
      category: OpinionGiven['category'];
      wording: string;
    }[]
  ).map((r) => ({
    replyId: r.reply_id,
    requestId: r.request_id,
    status: r.status,
    docNumber: r.doc_number,
    replyDate: r.reply_date,
    requester: r.requester,
    purpose: r.purpose,
    category: r.category,
    wording: r.wording,
  }));
}

export function dossierOf(db: Db, person: Person): Dossier {
  return {
    person,
    sanctions: listSanctionsOf(db, person.id),
    pendingMatters: listPendingOf(db, person.id),
    opinions: opinionsGivenOn(db, person.id),
    pledges: pledgesOf(db, person.id),
    clearances: listClearancesOf(db, person.id),
    revisits: listRevisitsOf(db, person.id),
  };
}
