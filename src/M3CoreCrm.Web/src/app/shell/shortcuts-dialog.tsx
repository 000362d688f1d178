import { useTranslation } from 'react-i18next';
import { Dialog } from '@/components/ui/dialog';
import { navItems } from '../navigation';

/** The "?" help: every keyboard shortcut of the app. */
export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  const rows: [keys: string[], label: string][] = [
    ...navItems.map((item, index): [string[], string] => [
      [`g ${item.key}`, `Alt+${index + 1}`],
      t('shortcuts.goTo', { section: t(`nav.${item.id}`) }),
    ]),
    [['/'], t('shortcuts.search')],
    [['Ctrl+B'], t('shortcuts.sidePanel')],
    [['?'], t('shortcuts.help')],
    [['Esc'], t('shortcuts.close')],
  ];
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('shortcuts.title')}>
      <table style={{ borderCollapse: 'collapse', inlineSize: '100%' }}>
        <caption className="visually-hidden">{t('shortcuts.title')}</caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'start', paddingBlock: 4 }}>
              {t('shortcuts.keys')}
            </th>
            <th scope="col" style={{ textAlign: 'start' }}>
              {t('shortcuts.action')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([keys, label]) => (
            <tr key={label}>
              <td style={{ paddingBlock: 4, whiteSpace: 'nowrap' }}>
                {keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && <span className="muted"> {t('shortcuts.or')} </span>}
                    <kbd className="kbd" dir="ltr">
                      {key}
                    </kbd>
                  </span>
                ))}
              </td>
              <td>{label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
