import { Alert } from 'antd';
import type { ReplyDetail } from '../../../core/opinions/contract';
import { formatDate } from '../../lib/format';

/** Both dates before 签发: the 成文日期 (today; the number's year is its year) and the date the check was made as of. */
export function IssueDates({ reply }: { reply: ReplyDetail }) {
  const year = reply.letterDate.slice(0, 4);
  const same = reply.letterDate === reply.replyDate;
  return (
    <div data-testid="issue-dates">
      <p>签发后将分配文号且不能再修改。</p>
      <p>
        成文日期：{formatDate(reply.letterDate)}（签发当日），文号为〔{year}〕年度号。
        <br />
        核查截至：{formatDate(reply.replyDate)}。
      </p>
      {same ? null : (
        <Alert
          type="warning"
          showIcon
          title={`核查日期与成文日期不同：复函正文将写明“经查阅截至${formatDate(reply.replyDate)}的……有关资料”。如需按今天的记录核查，请取消并退回承办重新核查。`}
        />
      )}
    </div>
  );
}
