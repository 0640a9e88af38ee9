import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../components/language-switch';

/** The full-screen card of the pages met before the app opens (login, a forced password change), with the language switch. */
export function AuthScreen({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <main className="login-screen">
      {/* antd Card's look without antd Card, which brings rc-tabs (and its overflow menu) to the login page. */}
      <div className="login-card" data-testid={testId}>
        <div className="login-card__lang">
          <LanguageSwitch />
        </div>
        {children}
      </div>
    </main>
  );
}
