import { PeriodProvider } from '../lib/period-context';
import { AppLayout } from './app-layout';

/** The signed-in screens' frame (a chunk of its own: the login page does without it). */
export function SignedInShell() {
  return (
    <PeriodProvider>
      <AppLayout />
    </PeriodProvider>
  );
}
