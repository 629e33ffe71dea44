/** Addresses of the opinion screens and the person's page (from app/paths.ts, the one source). */
import { PATHS, newRequestPath } from '../app/paths';

export { personDossierPath, requestPath } from '../app/paths';

export const OPINION_PATHS = {
  requests: PATHS.opinionRequests,
  newRequest: newRequestPath,
  replies: PATHS.opinionReplies,
} as const;
