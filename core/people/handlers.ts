import { AppError, notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import { dossierOf } from './dossier';
import { createPerson, getPerson, unitFilter, updatePerson } from './records';
import { searchPeople } from './search';

export const peopleHandlers: HandlerMap<
  'people.list' | 'people.get' | 'people.create' | 'people.update' | 'people.delete' | 'people.dossier'
> = {
  'people.list': (input, { db }) => searchPeople(db, { ...input, unitIds: unitFilter(db, input) }),

  'people.get': (input, { db }) => {
    const person = getPerson(db, input.id);
    if (!person) throw notFound('人员');
    return person;
  },

  'people.create': (input, { db, writer }) => getPerson(db, createPerson(db, writer, input))!,

  'people.update': (input, { db, writer }) => updatePerson(db, writer, input),

  'people.dossier': (input, { db }) => {
    const person = getPerson(db, input.id);
    if (!person) throw notFound('人员');
    return dossierOf(db, person);
  },

  'people.delete': (input, { db, writer }) => {
    const person = getPerson(db, input.id);
    if (!person) throw notFound('人员');
    // A person with records on file must stay findable: deleting them would hide their
    // sanctions from every later check.
    const held = db
      .prepare(
        `SELECT (SELECT count(*) FROM sanctions WHERE person_id = @id AND deleted_at IS NULL) AS sanctions,
                (SELECT count(*) FROM pending_matters WHERE person_id = @id AND deleted_at IS NULL) AS pending,
                (SELECT count(*) FROM opinion_request_persons WHERE person_id = @id) AS requests,
                (SELECT count(*) FROM pledge_roster WHERE person_id = @id) AS pledges,
                (SELECT count(*) FROM reminder_addressees WHERE person_id = @id) AS reminders,
                (SELECT count(*) FROM clearances WHERE person_id = @id AND deleted_at IS NULL) AS clearances`,
      )
      .get({ id: input.id }) as {
      sanctions: number;
      pending: number;
      requests: number;
      pledges: number;
      reminders: number;
      clearances: number;
    };
    const parts = [
      held.sanctions ? `${held.sanctions}条处分记录` : '',
      held.pending ? `${held.pending}条在查事项` : '',
      held.requests ? `${held.requests}次征求意见` : '',
      held.pledges ? `${held.pledges}份承诺书名单记录` : '',
      held.reminders ? `${held.reminders}份提醒函主送记录` : '',
      held.clearances ? `${held.clearances}条澄清正名记录` : '',
    ].filter(Boolean);
    if (parts.length) throw new AppError('CONFLICT', `“${person.name}”有${parts.join('、')}，不能删除。`);
    writer.softDelete('people', input.id);
  },
};
