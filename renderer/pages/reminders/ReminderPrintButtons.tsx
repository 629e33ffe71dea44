/** 打印: the letter (GB/T 9704 letter format) and its 签收单, previewed, printed or saved as PDF. */
import { Button } from 'antd';
import type { ReminderDetail } from '../../../core/reminders/contract';
import { PrintPreviewModal } from '../../components/PrintPreviewModal';
import { useDialog } from '../../lib/useDialog';

export function ReminderPrintButtons({ letter }: { letter: ReminderDetail }) {
  const printing = useDialog<'letter' | 'receipts'>();
  return (
    <>
      <Button onClick={() => printing.open('letter')}>打印提醒函</Button>
      <Button onClick={() => printing.open('receipts')} disabled={!letter.addresseeCount}>
        打印签收单
      </Button>
      {printing.isOpen ? (
        <PrintPreviewModal
          key={printing.key}
          open
          title={`打印：${letter.title}`}
          initial={printing.value ?? 'letter'}
          onClose={printing.close}
          choices={[
            { key: 'letter', label: '提醒函', request: { kind: 'reminderLetter', letterId: letter.id } },
            ...(letter.addresseeCount
              ? [{ key: 'receipts', label: '签收单', request: { kind: 'reminderReceipts' as const, letterId: letter.id } }]
              : []),
          ]}
        />
      ) : null}
    </>
  );
}
