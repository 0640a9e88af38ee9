const KEY = 'cchc.accessToken';
type Listener = (token: string | null) => void;
const listeners = new Set<Listener>();

/** The bearer token, kept in sessionStorage so a closed tab signs out. */
export const tokenStore = {
  get(): string | null {
    return sessionStorage.getItem(KEY);
  },
  set(token: string | null): void {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
    listeners.forEach((l) => l(token));
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
