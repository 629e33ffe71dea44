/** Addresses of the pledge screens (from app/paths.ts, the one source). */
import { PATHS } from '../../app/paths';

export { campaignPath } from '../../app/paths';

export const PLEDGE_PATHS = { list: PATHS.pledges } as const;
