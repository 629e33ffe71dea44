/** Addresses of the reminder-letter screens (from app/paths.ts, the one source). */
import { PATHS, newReminderPath } from '../../app/paths';

export { reminderEditPath, reminderPath } from '../../app/paths';

export const REMINDER_PATHS = { list: PATHS.reminders, new: newReminderPath } as const;
