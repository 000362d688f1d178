import { Users, Plus } from 'lucide-react';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { SkeletonRows } from '@/components/ui/skeleton';
import { VirtualTable, type Column } from '@/components/ui/virtual-table';
import { useUsers } from '@/lib/directory/use-users';
import { useFormat } from '@/lib/format/use-format';
import { useOpenedOnce } from '@/lib/hooks/use-opened-once';
import { useUrlFilters } from '@/lib/hooks/use-url-filters';
import { contactName, listDefaults, primaryEmail, primaryPhone, type Contact } from '../api/contact-types';
import { useContacts } from '../api/use-contacts';
import { ContactsTabs } from './contacts-tabs';
import { ListToolbar } from './list-toolbar';

const ContactCreateDialog = lazy(async () => ({ default: (await import('./contact-create-dialog')).ContactCreateDialog }));

export function ContactsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { byId } = useUsers();
  const filters = useUrlFilters(listDefaults);
  const [creating, setCreating] = useState(false);
  const createMounted = useOpenedOnce(creating);
  const contacts = useContacts(filters.values);
  const rows = contacts.data?.pages.flatMap((page) => page.items) ?? [];
  const total = contacts.data?.pages[0]?.total;

  const columns = useMemo<Column<Contact>[]>(
    () => [
      {
        id: 'name',
        header: t('contacts.fields.name'),
        width: 'minmax(180px, 2fr)',
        cell: (contact) => (
          <Link to={`/contacts/${contact.id}`} className="list__primary" style={{ color: 'inherit' }}>
            {contactName(contact)}
          </Link>
        ),
      },
      {
        id: 'email',
        header: t('contacts.fields.email'),
        width: 'minmax(180px, 2fr)',
        cell: (c) => <span className="ltr">{primaryEmail(c) ?? '—'}</span>,
      },
      {
        id: 'phone',
        header: t('contacts.fields.phone'),
        width: '160px',
        cell: (c) => <span className="ltr">{primaryPhone(c) ?? '—'}</span>,
      },
      {
        id: 'owner',
        header: t('contacts.fields.owner'),
        width: 'minmax(120px, 1fr)',
        cell: (c) => (c.ownerId ? (byId.get(c.ownerId)?.displayName ?? '…') : <span className="muted">{t('common.unassigned')}</span>),
      },
      { id: 'created', header: t('contacts.fields.created'), width: '120px', cell: (c) => format.date(c.createdAt) },
    ],
    [t, format, byId],
  );

  return (
    <div className="page page--fill">
      <PageHeader
        title={t('nav.contacts')}
        subtitle={total != null ? t('contacts.count', { count: total }) : undefined}
        actions={
          <Button variant="primary" onClick={() => setCreating(true)} icon={<Plus size={16} aria-hidden />}>
            {t('contacts.new')}
          </Button>
        }
      />
      <ContactsTabs />
      <ListToolbar values={filters.values} onChange={filters.set} onReset={filters.reset} isFiltered={filters.isFiltered} />
      {contacts.isPending ? (
        <div className="list">
          <SkeletonRows rows={10} columns={5} />
        </div>
      ) : contacts.isError ? (
        <ProblemAlert error={contacts.error} actions={<Button onClick={() => void contacts.refetch()}>{t('common.tryAgain')}</Button>} />
      ) : rows.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<Users size={28} />}
            title={filters.isFiltered ? t('contacts.empty.filteredTitle') : t('contacts.empty.title')}
            text={filters.isFiltered ? t('leads.empty.filteredText') : t('contacts.empty.text')}
            action={filters.isFiltered ? <Button onClick={filters.reset}>{t('common.clearFilters')}</Button> : undefined}
          />
        </div>
      ) : (
        <VirtualTable
          label={t('contacts.tabs.contacts')}
          rows={rows}
          columns={columns}
          rowKey={(c) => c.id}
          rowHref={(c) => `/contacts/${c.id}`}
          total={total}
          hasNextPage={contacts.hasNextPage}
          isFetchingNextPage={contacts.isFetchingNextPage}
          fetchNextPage={() => void contacts.fetchNextPage()}
          footer={t('leads.list.shown', { shown: format.number(rows.length), total: format.number(total ?? rows.length) })}
        />
      )}
      {createMounted && (
        <Suspense fallback={null}>
          <ContactCreateDialog open={creating} onOpenChange={setCreating} />
        </Suspense>
      )}
    </div>
  );
}
