/** Addresses of the reminder-letter screens (kept apart from router.tsx, which imports the pages). */
export const REMINDER_PATHS = {
  list: '/reminders',
  new: '/reminders/new',
} as const;

export const reminderPath = (id: string) => `/reminders/${id}`;
export const reminderEditPath = (id: string) => `/reminders/${id}/edit`;
