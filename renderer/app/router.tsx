import { Navigate, createHashRouter } from 'react-router';
import { MainLayout } from '../layout/MainLayout';
import { PersonDossierPage } from '../pages/dossier/PersonDossierPage';
import { NewRequestPage } from '../pages/opinions/NewRequestPage';
import { RepliesPage } from '../pages/opinions/RepliesPage';
import { RequestDetailPage } from '../pages/opinions/RequestDetailPage';
import { RequestsPage } from '../pages/opinions/RequestsPage';
import { BackupPage } from '../pages/backup/BackupPage';
import { PeoplePage } from '../pages/people/PeoplePage';
import { CampaignDetailPage } from '../pages/pledges/CampaignDetailPage';
import { PledgesPage } from '../pages/pledges/PledgesPage';
import { RecycleBinPage } from '../pages/recycleBin/RecycleBinPage';
import { ReminderDetailPage } from '../pages/reminders/ReminderDetailPage';
import { ReminderFormPage } from '../pages/reminders/ReminderFormPage';
import { RemindersPage } from '../pages/reminders/RemindersPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { UnitsPage } from '../pages/units/UnitsPage';
import { UsersPage } from '../pages/users/UsersPage';
import { HomePage } from '../pages/home/HomePage';
import { AuditLogPage } from '../pages/audit/AuditLogPage';
import { BatchPrintPage } from '../pages/letters/BatchPrintPage';
import { ReplyLetterPage } from '../pages/letters/ReplyLetterPage';
import { StatisticsPage } from '../pages/statistics/StatisticsPage';
import { ImportPage } from '../pages/exchange/ImportPage';
import { PATHS, newReminderPath, newRequestPath } from './paths';

export const router = createHashRouter([
  {
    path: '/',
    element: <MainLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: PATHS.people, element: <PeoplePage /> },
      { path: `${PATHS.people}/:id`, element: <PersonDossierPage /> },
      { path: PATHS.opinionRequests, element: <RequestsPage /> },
      { path: newRequestPath, element: <NewRequestPage /> },
      { path: `${PATHS.opinionRequests}/:id`, element: <RequestDetailPage /> },
      { path: PATHS.opinionReplies, element: <RepliesPage /> },
      { path: PATHS.reminders, element: <RemindersPage /> },
      { path: newReminderPath, element: <ReminderFormPage /> },
      { path: `${PATHS.reminders}/:id`, element: <ReminderDetailPage /> },
      { path: `${PATHS.reminders}/:id/edit`, element: <ReminderFormPage /> },
      { path: PATHS.pledges, element: <PledgesPage /> },
      { path: `${PATHS.pledges}/:id`, element: <CampaignDetailPage /> },
      { path: PATHS.units, element: <UnitsPage /> },
      { path: PATHS.statistics, element: <StatisticsPage /> },
      { path: PATHS.imports, element: <ImportPage /> },
      { path: PATHS.recycleBin, element: <RecycleBinPage /> },
      { path: PATHS.settings, element: <SettingsPage /> },
      { path: PATHS.backup, element: <BackupPage /> },
      { path: PATHS.users, element: <UsersPage /> },
      { path: PATHS.audit, element: <AuditLogPage /> },
      { path: PATHS.letterBatch, element: <BatchPrintPage /> },
      { path: `${PATHS.letterReply}/:replyId`, element: <ReplyLetterPage /> },
      { path: '*', element: <Navigate to={PATHS.home} replace /> },
    ],
  },
]);
