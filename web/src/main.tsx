import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyLanguage } from './i18n';
import { chooseLanguage, scopeOf } from './i18n/scope';
import './index.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The page's language before the first render: no flash of English.
applyLanguage(chooseLanguage(scopeOf(window.location.pathname)));

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
