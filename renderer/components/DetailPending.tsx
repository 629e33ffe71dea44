/**
 * What a record's detail page shows while its record is not there yet: the error (not
 * found, no permission, …) with a way back to the list, or a spinner while it loads.
 */
import { Alert, Button, Spin } from 'antd';
import { useNavigate } from 'react-router';
import { PageHeader } from '../pages/PageHeader';

export function DetailPending({ title, error, listPath }: { title: string; error: { message: string } | null; listPath: string }) {
  const navigate = useNavigate();
  if (error) {
    return (
      <div>
        <PageHeader title={title} />
        <Alert type="error" showIcon title={error.message} action={<Button onClick={() => navigate(listPath)}>返回列表</Button>} />
      </div>
    );
  }
  return (
    <Spin tip="正在读取…">
      <div style={{ height: 240 }} />
    </Spin>
  );
}
