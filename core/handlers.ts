import type { Channel, ValidPrintRequest } from './api';
import { appHandlers } from './app/handlers';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { backupHandlers } from './backup/handlers';
import type { Handler } from './host/handler';
import type { DocumentKinds } from './print/documentKinds';
import { opinionSettingsHandlers } from './opinions/settingsHandlers';
import { repliesHandlers } from './opinions/replies';
import { checksHandlers } from './opinions/checks';
import { requestsHandlers } from './opinions/requests';
import { pendingMattersHandlers } from './pendingMatters/handlers';
import { peopleHandlers } from './people/handlers';
import { pledgesHandlers } from './pledges/handlers';
import { remindersHandlers } from './reminders/handlers';
import { sanctionsHandlers } from './sanctions/handlers';
import { recycleBinHandlers } from './recycleBin/handlers';
import { settingsHandlers } from './settings/handlers';
import { setupHandlers } from './setup/handlers';
import { unitsHandlers } from './units/handlers';
import { usersHandlers } from './users/handlers';
import { printHandlers } from './print/handlers';
import { opinionDocumentKinds } from './opinions/documents';
import { reminderDocumentKinds } from './reminders/documents';
import { pledgeDocumentKinds } from './pledges/documents';
import { workBoardHandlers } from './workBoard/handlers';
import { exchangeHandlers } from './exchange/handlers';
import { importHandlers } from './exchange/importHandlers';
import { clearancesHandlers } from './clearances/handlers';
import { revisitsHandlers } from './revisits/handlers';
import { statisticsHandlers } from './statistics/handlers';
import { statisticsSettingsHandlers } from './statistics/settings';
import { recusalHandlers } from './recusal/handlers';

/**
 * Every document kind, registered by its area with the one rendering channel (print.*);
 * the type makes a kind of printRequest (core/api.ts) without its layout a compile error.
 */
export const documentKinds: DocumentKinds<ValidPrintRequest> = {
  ...opinionDocumentKinds,
  ...reminderDocumentKinds,
  ...pledgeDocumentKinds,
};

/** Every channel's handler; the type makes a missing one a compile error. */
export const handlers: { [C in Channel]: Handler<C> } = {
  ...appHandlers,
  ...setupHandlers,
  ...authHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...usersHandlers,
  ...settingsHandlers,
  ...unitsHandlers,
  ...peopleHandlers,
  ...recycleBinHandlers,
  ...sanctionsHandlers,
  ...pendingMattersHandlers,
  ...requestsHandlers,
  ...repliesHandlers,
  ...checksHandlers,
  ...opinionSettingsHandlers,
  ...printHandlers(documentKinds),
  ...remindersHandlers,
  ...pledgesHandlers,
  ...workBoardHandlers,
  ...clearancesHandlers,
  ...revisitsHandlers,
  ...statisticsHandlers,
  ...statisticsSettingsHandlers,
  ...exchangeHandlers,
  ...importHandlers,
  ...recusalHandlers,
};
