/** Addresses of the opinion screens and the person's page (kept apart from router.tsx, which imports the pages). */
export const OPINION_PATHS = {
  requests: '/opinions/requests',
  newRequest: '/opinions/requests/new',
  replies: '/opinions/replies',
} as const;

export const personDossierPath = (personId: string) => `/people/${personId}`;

/** The request's page; with a reply id, that reply is the one shown. */
export const requestPath = (requestId: string, replyId?: string | null) =>
  `/opinions/requests/${requestId}${replyId ? `?reply=${encodeURIComponent(replyId)}` : ''}`;
