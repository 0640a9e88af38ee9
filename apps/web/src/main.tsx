import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/reset.css';
import { i18nReady } from './i18n/index';
import './styles.css';
import { App } from './app/app';

// A remembered English is fetched first, so the app never paints in the other language.
void i18nReady.finally(() =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
