import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { tokenStore } from '../../api/token-store';
import type { AuthUser } from '../../api/schema-types';

interface AuthState {
  user: AuthUser | null;
  /** True while a stored token is being checked at start-up. */
  restoring: boolean;
  /** Set when the session ended on its own (expired token), so the login page can say why. */
  expired: boolean;
  signIn: (token: string, user: AuthUser) => void;
  signOut: () => void;
}

const AuthContext = createContext<AuthState | null>(null);
const USER_KEY = 'cchc.user';

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [user, setUser] = useState<AuthUser | null>(() => {
    const raw = sessionStorage.getItem(USER_KEY);
    return raw && tokenStore.get() ? (JSON.parse(raw) as AuthUser) : null;
  });
  const [restoring, setRestoring] = useState(() => !!tokenStore.get());
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    if (!tokenStore.get()) return;
    api
      .me()
      .then((me) => {
        const merged = { ...me, unitName: me.unitName ?? null };
        sessionStorage.setItem(USER_KEY, JSON.stringify(merged));
        setUser(merged);
      })
      .catch(() => undefined)
      .finally(() => setRestoring(false));
  }, []);

  // A 401 anywhere clears the token: leave the session and say so.
  useEffect(
    () =>
      tokenStore.subscribe((token) => {
        if (token) return;
        sessionStorage.removeItem(USER_KEY);
        setUser((u) => {
          if (u) setExpired(true);
          return null;
        });
        qc.clear();
      }),
    [qc],
  );

  const signIn = useCallback((token: string, u: AuthUser) => {
    tokenStore.set(token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(u));
    setExpired(false);
    setUser(u);
  }, []);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(USER_KEY);
    setUser(null);
    setExpired(false);
    tokenStore.set(null);
    qc.clear();
  }, [qc]);

  const value = useMemo(() => ({ user, restoring, expired, signIn, signOut }), [user, restoring, expired, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for screens behind the login guard. */
export function useUser(): AuthUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
