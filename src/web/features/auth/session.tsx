/**
 * The logged-in account (leaders and admins), asked for once on load. Keeps the CSRF token for the
 * API wrapper. A session may be half-way (stage 'totp' or 'enrol': the password was right, the second
 * factor is due); pages other than login treat only a 'full' session as logged in. Respondents never
 * have a session: survey pages work without it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../../contracts/api.js';
import { ApiError, setCsrfToken } from '../../api.js';
import { useLocation } from '../../router.js';
import { createSession, deleteSession, fetchSession } from './auth.api.js';

interface SessionContextValue {
  session: SessionInfo | null;
  /** True until GET /session has answered. */
  loading: boolean;
  login(email: string, password: string): Promise<SessionInfo>;
  /** Take a session the server gave back (after the second factor or a password link). */
  accept(info: SessionInfo): void;
  logout(): Promise<void>;
  /** Forget the session after the server said 401 (expired). */
  expire(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loading, setLoading] = useState(true);

  const adopt = useCallback((info: SessionInfo | null) => {
    setCsrfToken(info?.csrfToken ?? null);
    setSession(info);
  }, []);

  // Respondents' pages do not need to know: the call waits until a page other than a survey is shown.
  const { path } = useLocation();
  const needed = !path.startsWith('/s/');
  const asked = useRef(false);
  useEffect(() => {
    if (!needed || asked.current) return;
    asked.current = true;
    fetchSession()
      .then((info) => adopt(info))
      .catch(() => adopt(null))
      .finally(() => setLoading(false));
  }, [needed, adopt]);

  const login = useCallback(
    async (email: string, password: string) => {
      const info = await createSession({ email, password });
      asked.current = true;
      setLoading(false);
      adopt(info);
      return info;
    },
    [adopt],
  );

  const accept = useCallback(
    (info: SessionInfo) => {
      asked.current = true;
      setLoading(false);
      adopt(info);
    },
    [adopt],
  );

  const logout = useCallback(async () => {
    try {
      await deleteSession();
    } catch (error) {
      // Already gone on the server is fine; anything else still logs out here.
      if (!(error instanceof ApiError)) console.warn('logout failed', error);
    }
    adopt(null);
  }, [adopt]);

  const expire = useCallback(() => adopt(null), [adopt]);

  const value = useMemo(() => ({ session, loading, login, accept, logout, expire }), [session, loading, login, accept, logout, expire]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
