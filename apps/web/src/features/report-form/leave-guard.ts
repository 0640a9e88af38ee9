/**
 * One page at a time may hold input that cannot be saved; logging out asks it first.
 * (In-app navigation is caught by the router's blocker, closing the tab by beforeunload.)
 */
type Guard = () => Promise<boolean>;
let current: Guard | null = null;

export function setLeaveGuard(guard: Guard): () => void {
  current = guard;
  return () => {
    if (current === guard) current = null;
  };
}

/** Resolves true when leaving is fine (nothing unsaved, or the officer said so). */
export function confirmLeave(): Promise<boolean> {
  return current ? current() : Promise.resolve(true);
}
