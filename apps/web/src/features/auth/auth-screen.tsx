import type { ReactNode } from 'react';
import { Card } from 'antd';
import { LanguageSwitch } from '../../components/language-switch';

/** The full-screen card of the pages met before the app opens (login, a forced password change), with the language switch. */
export function AuthScreen({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <main className="login-screen">
      <Card className="login-card" data-testid={testId}>
        <div className="login-card__lang">
          <LanguageSwitch />
        </div>
        {children}
      </Card>
    </main>
  );
}
