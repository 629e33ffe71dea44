import type { ReminderDetail } from '../../../core/reminders/contract';

/** Printing of the letter and its receipt sheet (filled in once the print engine has these kinds). */
export function ReminderPrintButtons(_props: { letter: ReminderDetail }) {
  return null;
}
