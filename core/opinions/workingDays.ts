import { addDays, parseDate, type IsoDate } from '../shared/dates';

export interface WorkCalendar {
  holidays: readonly IsoDate[];
  workingWeekendDays: readonly IsoDate[];
}

/** Saturday/Sunday are off unless listed as 调休 working days; listed holidays are off. */
export function isWorkingDay(date: IsoDate, calendar: WorkCalendar): boolean {
  if (calendar.holidays.includes(date)) return false;
  if (calendar.workingWeekendDays.includes(date)) return true;
  const { y, m, d } = parseDate(date);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The due date of a reply: `days` working days after the day the letter was received
 * (the day of receipt does not count). Received Friday with 3 days → due Wednesday.
 */
export function addWorkingDays(received: IsoDate, days: number, calendar: WorkCalendar): IsoDate {
  let date = received;
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) left--;
  }
  return date;
}
