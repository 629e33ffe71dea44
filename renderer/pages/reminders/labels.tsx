import { Tag } from 'antd';
import { REMINDER_STATUS_LABELS, type ReminderStatus } from '../../../core/reminders/contract';

const STATUS_COLORS: Record<ReminderStatus, string> = { draft: 'blue', issued: 'green', voided: 'default' };

export function ReminderStatusTag({ status }: { status: ReminderStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="reminder-status">
      {REMINDER_STATUS_LABELS[status]}
    </Tag>
  );
}
