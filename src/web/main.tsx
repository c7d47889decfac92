// Entry: zod settings (first), Designsystemet's CSS and theme, the Inter font, our styles, i18n, then the app.
import './zod-config.js';
import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-500.css';
import '@fontsource/inter/latin-600.css';
import './styles/app.css';
import './i18n/index.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
