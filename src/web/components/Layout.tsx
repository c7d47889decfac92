/**
 * The frame of every page: skip link, header (name, navigation for leaders and admins, language),
 * one <main> the skip link and route changes move focus to, and a short footer.
 */
import { Button, SkipLink } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { homeFor, RESEARCH_ROLES, RESULTS_ROLES } from '../features/auth/auth.api.js';
import { useSession } from '../features/auth/session.js';
import { AppLink, navigate, useLocation } from '../router.js';
import { LanguageChooser } from './LanguageChooser.js';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { path } = useLocation();
  const { session: anySession, logout } = useSession();
  // Half-way through the two-step login the header offers nothing but the way out.
  const session = anySession?.stage === 'full' ? anySession : null;
  const inSurvey = path.startsWith('/s/');

  const signOut = async () => {
    await logout();
    navigate('/login');
  };

  return (
    <>
      <SkipLink href="#main">{t('layout.skipToContent')}</SkipLink>
      <header className="site-header">
        <div className="site-header__inner">
          {inSurvey ? (
            // A respondent should not leave the form by accident: the name is not a link here.
            <span className="site-header__brand">Digikompass</span>
          ) : (
            <AppLink href={session ? homeFor(session.account.role) : '/'} className="site-header__brand" data-color="neutral">
              Digikompass
            </AppLink>
          )}
          {!inSurvey && (
            <nav className="site-header__nav" aria-label={t('layout.mainNavigation')}>
              <ul>
                {session ? (
                  <>
                    {RESULTS_ROLES.includes(session.account.role) && (
                      <li>
                        <AppLink href="/results" aria-current={path === '/results' ? 'page' : undefined}>
                          {t('layout.nav.results')}
                        </AppLink>
                      </li>
                    )}
                    {RESEARCH_ROLES.includes(session.account.role) && (
                      <li>
                        <AppLink href="/research" aria-current={path === '/research' ? 'page' : undefined}>
                          {t('layout.nav.research')}
                        </AppLink>
                      </li>
                    )}
                    {session.account.role === 'platform_admin' && (
                      <li>
                        <AppLink href="/admin" aria-current={path === '/admin' ? 'page' : undefined}>
                          {t('layout.nav.admin')}
                        </AppLink>
                      </li>
                    )}
                    <li>
                      <AppLink href="/account" aria-current={path === '/account' ? 'page' : undefined}>
                        {t('layout.nav.account')}
                      </AppLink>
                    </li>
                    <li>
                      <Button variant="tertiary" data-size="sm" onClick={() => void signOut()}>
                        {t('layout.nav.logout')}
                      </Button>
                    </li>
                  </>
                ) : (
                  path !== '/login' && (
                    <li>
                      <AppLink href="/login">{t('layout.nav.login')}</AppLink>
                    </li>
                  )
                )}
              </ul>
            </nav>
          )}
          <LanguageChooser />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('layout.footer')}</p>
      </footer>
    </>
  );
}
