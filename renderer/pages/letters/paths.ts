/** Addresses of the printing screens (kept apart from router.tsx, which imports the pages). */
export const LETTER_PATHS = {
  batch: '/letters/batch',
  reply: (replyId: string) => `/letters/reply/${replyId}`,
} as const;
