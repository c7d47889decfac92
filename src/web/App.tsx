/**
 * Pages by path: / start · /s/:token survey · /kvittering receipt (see or withdraw one's answers) ·
 * /login (with the two-step code) · /forgot-password · /set-password#token (invite or reset link) ·
 * /account (every role; a municipality leader's unit leaders and benchmark choice) · /results (leaders,
 * admins) · /admin (platform admin) · /research (platform admin, researchers). After a route change focus moves to the new page's h1, as a
 * screen reader user expects.
 */
import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../contracts/api.js';
import { Layout } from './components/Layout.js';
import { useDocumentTitle } from './components/useDocumentTitle.js';
import { ALL_ROLES, RESEARCH_ROLES, RESULTS_ROLES } from './features/auth/auth.api.js';
import { ForgotPasswordPage } from './features/auth/ForgotPasswordPage.js';
import { LoginPage } from './features/auth/LoginPage.js';
import { SetPasswordPage } from './features/auth/SetPasswordPage.js';
import { SessionProvider, useSession } from './features/auth/session.js';
import { NotFoundPage, StartPage } from './features/start/StartPage.js';
import { RECEIPT_PATH } from './features/receipt/receiptCode.js';
import { SurveyPage } from './features/survey/SurveyPage.js';
import { AppLink, navigate, takeFocusRequest, useLocation } from './router.js';

// Leaders' and admins' pages load on demand: a respondent on a phone downloads only what the survey needs.
const AdminPage = lazy(() => import('./features/admin/AdminPage.js').then((m) => ({ default: m.AdminPage })));
const ResultsPage = lazy(() => import('./features/results/ResultsPage.js').then((m) => ({ default: m.ResultsPage })));
const AccountPage = lazy(() => import('./features/accounts/AccountPage.js').then((m) => ({ default: m.AccountPage })));
const ResearchPage = lazy(() => import('./features/research/ResearchPage.js').then((m) => ({ default: m.ResearchPage })));
const ReceiptPage = lazy(() => import('./features/receipt/ReceiptPage.js').then((m) => ({ default: m.ReceiptPage })));

export function App() {
  return (
    <SessionProvider>
      <Layout>
        <Routes />
      </Layout>
    </SessionProvider>
  );
}

function Routes() {
  const { t } = useTranslation();
  const { path, search } = useLocation();
  useFocusOnNavigation(`${path}?${search.toString()}`);

  const survey = /^\/s\/([^/]+)\/?$/.exec(path);
  if (survey) return <SurveyPage token={decodeURIComponent(survey[1]!)} />;
  switch (path.replace(/\/$/, '') || '/') {
    case '/':
      return <StartPage />;
    case '/login':
      return <LoginPage />;
    case RECEIPT_PATH:
      return (
        <Suspense fallback={<Spinner aria-label={t('common.loading')} data-size="lg" />}>
          <ReceiptPage />
        </Suspense>
      );
    case '/forgot-password':
      return <ForgotPasswordPage />;
    case '/set-password':
      return <SetPasswordPage />;
    case '/account':
      return (
        <RequireRole roles={ALL_ROLES}>
          <AccountPage />
        </RequireRole>
      );
    case '/results':
      return (
        <RequireRole roles={RESULTS_ROLES}>
          <ResultsPage />
        </RequireRole>
      );
    case '/admin':
      return (
        <RequireRole roles={['platform_admin']}>
          <AdminPage />
        </RequireRole>
      );
    case '/research':
      return (
        <RequireRole roles={RESEARCH_ROLES}>
          <ResearchPage />
        </RequireRole>
      );
    default:
      return <NotFoundPage />;
  }
}

function useFocusOnNavigation(location: string) {
  useEffect(() => {
    if (!takeFocusRequest()) return;
    // The new page may still be loading (code or data): wait up to about a second for its heading.
    let frame = 0;
    let tries = 0;
    const look = () => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus();
      } else if (tries++ < 60) {
        frame = window.requestAnimationFrame(look);
      }
    };
    frame = window.requestAnimationFrame(look);
    return () => window.cancelAnimationFrame(frame);
  }, [location]);
}

function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { session, loading } = useSession();
  const { path, search } = useLocation();
  useEffect(() => {
    if (!loading && session?.stage !== 'full') {
      const next = path + (search.size > 0 ? `?${search.toString()}` : '');
      navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
    }
  }, [loading, session, path, search]);
  if (loading || session?.stage !== 'full') return <Spinner aria-label={t('common.loading')} data-size="lg" />;
  if (!roles.includes(session.account.role)) return <Forbidden />;
  return <Suspense fallback={<Spinner aria-label={t('common.loading')} data-size="lg" />}>{children}</Suspense>;
}

function Forbidden() {
  const { t } = useTranslation();
  useDocumentTitle(t('forbidden.title'));
  return (
    <div className="page-narrow stack">
      <Heading level={1} data-size="lg">
        {t('forbidden.title')}
      </Heading>
      <Paragraph>{t('forbidden.body')}</Paragraph>
      <Paragraph>
        <AppLink href="/">{t('notFound.home')}</AppLink>
      </Paragraph>
    </div>
  );
}
