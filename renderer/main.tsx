import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureTokenFromUrl } from './api/transport';
import { App } from './app/App';
import './app/global.css';

dayjs.locale('zh-cn');
// Browser mode: take the access token out of the address before anything else runs.
captureTokenFromUrl();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
