/** Addresses of the printing screens (from app/paths.ts, the one source). */
import { PATHS, replyLetterPath } from '../../app/paths';

export const LETTER_PATHS = { batch: PATHS.letterBatch, reply: replyLetterPath } as const;
