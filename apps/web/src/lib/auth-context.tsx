import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { tokenStore } from '../api/token-store';
import type { AuthUser } from '../api/schema-types';
import { useLogout } from '../api/hooks/use-account';

interface AuthState {
  user: AuthUser | null;
  /** True while a stored token is being checked at start-up. */
  restoring: boolean;
  /** Set when the session ended on its own (expired token), so the login page can say why. */
  expired: boolean;
  /** An administrator reset the password: the token allows nothing but choosing a new one (and logging out). */
  mustChangePassword: boolean;
  signIn: (token: string, user: AuthUser, mustChangePassword?: boolean) => void;
  /** Revokes the token on the server (best effort: an unreachable server must not keep anyone signed in), then forgets it. */
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);
const USER_KEY = 'cchc.user';
const MUST_CHANGE_KEY = 'cchc.mustChangePassword';

/** The stored session may do nothing but change its password (an administrator reset it). */
export function passwordChangePending(): boolean {
  return sessionStorage.getItem(MUST_CHANGE_KEY) === 'true';
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [user, setUser] = useState<AuthUser | null>(() => {
    const raw = sessionStorage.getItem(USER_KEY);
    return raw && tokenStore.get() ? (JSON.parse(raw) as AuthUser) : null;
  });
  const [restoring, setRestoring] = useState(() => !!tokenStore.get());
  const [expired, setExpired] = useState(false);
  const [mustChangePassword, setMustChange] = useState(() => sessionStorage.getItem(MUST_CHANGE_KEY) === 'true');
  const rememberMustChange = useCallback((v: boolean) => {
    if (v) sessionStorage.setItem(MUST_CHANGE_KEY, 'true');
    else sessionStorage.removeItem(MUST_CHANGE_KEY);
    setMustChange(v);
  }, []);

  useEffect(() => {
    const asked = tokenStore.get();
    if (!asked) return;
    api
      .me()
      .then((me) => {
        // Asked before a logout (or another login) and answered after it: that session is over, and
        // taking the answer would sign the user back in on the login page.
        if (tokenStore.get() !== asked) return;
        const merged = { ...me, unitName: me.unitName ?? null };
        sessionStorage.setItem(USER_KEY, JSON.stringify(merged));
        setUser(merged);
        rememberMustChange(me.mustChangePassword);
      })
      .catch(() => undefined)
      .finally(() => setRestoring(false));
  }, [rememberMustChange]);

  // A 401 anywhere clears the token: leave the session and say so.
  useEffect(
    () =>
      tokenStore.subscribe((token) => {
        if (token) return;
        sessionStorage.removeItem(USER_KEY);
        rememberMustChange(false);
        setUser((u) => {
          if (u) setExpired(true);
          return null;
        });
        qc.clear();
      }),
    [qc, rememberMustChange],
  );

  const signIn = useCallback(
    (token: string, u: AuthUser, mustChange = false) => {
      tokenStore.set(token);
      sessionStorage.setItem(USER_KEY, JSON.stringify(u));
      rememberMustChange(mustChange);
      setExpired(false);
      setUser(u);
    },
    [rememberMustChange],
  );

  const { mutateAsync: revoke } = useLogout();
  const signOut = useCallback(async () => {
    try {
      await revoke();
    } catch {
      /* the token is forgotten below either way */
    }
    sessionStorage.removeItem(USER_KEY);
    rememberMustChange(false);
    setUser(null);
    setExpired(false);
    tokenStore.set(null);
    qc.clear();
  }, [qc, revoke, rememberMustChange]);

  const value = useMemo(
    () => ({ user, restoring, expired, mustChangePassword, signIn, signOut }),
    [user, restoring, expired, mustChangePassword, signIn, signOut],
  );
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
