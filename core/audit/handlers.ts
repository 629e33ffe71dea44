import type { HandlerMap } from '../host/handler';
import { auditFacets, listAudit } from './queries';
import { verifyAuditChain } from './verify';

export const auditHandlers: HandlerMap<'audit.list' | 'audit.facets' | 'audit.verify'> = {
  'audit.list': (input, { db }) => listAudit(db, input),
  'audit.facets': (_input, { db }) => auditFacets(db),
  'audit.verify': (_input, { db }) => verifyAuditChain(db),
};
