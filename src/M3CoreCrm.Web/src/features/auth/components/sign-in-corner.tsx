import { LanguageMenu } from '@/components/ui/language-menu';
import { ThemeToggle } from '@/components/ui/theme-toggle';

/** Language and theme before sign-in. */
export function SignInCorner() {
  return (
    <div className="sign-in__corner">
      <LanguageMenu />
      <ThemeToggle />
    </div>
  );
}
