import * as Toast from '@radix-ui/react-toast';
import { X } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { toastStore } from './toast-store';

/** The toasts on screen, announced politely (errors assertively) and dismissible with the keyboard (F8 focuses them). */
export function ToastList() {
  const { t, i18n } = useTranslation();
  const toasts = useSyncExternalStore(toastStore.subscribe, toastStore.get, toastStore.get);
  const rtl = i18n.dir() === 'rtl';
  return (
    <Toast.Provider swipeDirection={rtl ? 'left' : 'right'} duration={7000} label={t('toast.region')}>
      {toasts.map((toast) => (
        <Toast.Root
          key={toast.id}
          className={`toast toast--${toast.kind}`}
          type={toast.kind === 'error' ? 'foreground' : 'background'}
          duration={toast.kind === 'error' ? 12000 : 6000}
          onOpenChange={(open) => {
            if (!open) toastStore.dismiss(toast.id);
          }}
        >
          <Toast.Title className="toast__title">{toast.title}</Toast.Title>
          {toast.description && <Toast.Description className="toast__desc">{toast.description}</Toast.Description>}
          {toast.meta && <div className="toast__meta">{toast.meta}</div>}
          <Toast.Close className="icon-btn toast__close" aria-label={t('common.dismiss')}>
            <X size={16} aria-hidden />
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="toast-viewport" />
    </Toast.Provider>
  );
}
