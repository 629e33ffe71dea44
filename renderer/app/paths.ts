/**
 * Every screen's address, once. Hash routes: they work the same over http:// and
 * Electron's app:// protocol. router.tsx maps them to pages; pages link with these (this
 * module imports nothing, so a page importing it makes no cycle with the router).
 */
export const PATHS = {
  home: '/',
  people: '/people',
  opinionRequests: '/opinions/requests',
  opinionReplies: '/opinions/replies',
  reminders: '/reminders',
  pledges: '/pledges',
  units: '/units',
  statistics: '/statistics',
  imports: '/import',
  recycleBin: '/recycle-bin',
  settings: '/settings',
  backup: '/backup',
  users: '/users',
  audit: '/audit',
  letterBatch: '/letters/batch',
  letterReply: '/letters/reply',
} as const;

export const personDossierPath = (personId: string) => `${PATHS.people}/${personId}`;
export const newRequestPath = `${PATHS.opinionRequests}/new`;
/** The request's page; with a reply id, that reply is the one shown. */
export const requestPath = (requestId: string, replyId?: string | null) =>
  `${PATHS.opinionRequests}/${requestId}${replyId ? `?reply=${encodeURIComponent(replyId)}` : ''}`;
export const newReminderPath = `${PATHS.reminders}/new`;
export const reminderPath = (id: string) => `${PATHS.reminders}/${id}`;
export const reminderEditPath = (id: string) => `${PATHS.reminders}/${id}/edit`;
export const campaignPath = (id: string) => `${PATHS.pledges}/${id}`;
export const replyLetterPath = (replyId: string) => `${PATHS.letterReply}/${replyId}`;
