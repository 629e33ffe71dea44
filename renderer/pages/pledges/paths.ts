/** Addresses of the pledge screens (kept apart from router.tsx, which imports the pages). */
export const PLEDGE_PATHS = { list: '/pledges' } as const;
export const campaignPath = (id: string) => `/pledges/${id}`;
