import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { LanguageMenu } from '@/components/ui/language-menu';
import { changeLanguage, directionOf, initialLanguage } from './i18n';

afterEach(async () => {
  await act(() => changeLanguage('en'));
});

describe('language and direction', () => {
  it('switches to Arabic from the Language menu: translated text, lang="ar" and dir="rtl" on <html>', async () => {
    const user = userEvent.setup();
    render(<LanguageMenu />);

    await user.click(screen.getByRole('button', { name: 'Language' }));
    await user.click(await screen.findByRole('menuitemradio', { name: 'العربية' }));

    // Arabic's strings load on first use; the switch follows.
    await waitFor(() => expect(document.documentElement.lang).toBe('ar'));
    expect(document.documentElement.dir).toBe('rtl');
    expect(await screen.findByRole('button', { name: 'اللغة' })).toBeInTheDocument();
    expect(localStorage.getItem('m3crm.language')).toBe('ar');
  });

  it('goes back to left-to-right for English', async () => {
    await act(() => changeLanguage('ar'));
    await act(() => changeLanguage('en'));

    expect(document.documentElement.dir).toBe('ltr');
    expect(directionOf('ar')).toBe('rtl');
  });

  it('starts in the saved language', () => {
    localStorage.setItem('m3crm.language', 'ar');
    expect(initialLanguage()).toBe('ar');
  });
});
