import { CalendarClock, CheckSquare, History, MessageSquare, MoveRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { SkeletonRows } from '@/components/ui/skeleton';
import { useFormat } from '@/lib/format/use-format';
import { useTimeline, type TimelineEntity, type TimelineItem } from './use-timeline';

function iconOf(item: TimelineItem) {
  if (item.activity) return <MessageSquare size={14} aria-hidden />;
  if (item.task) return <CheckSquare size={14} aria-hidden />;
  if (item.stageMove) return <MoveRight size={14} aria-hidden />;
  return <History size={14} aria-hidden />;
}

function TimelineEntry({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  let title: string;
  let body: string | null | undefined;
  if (item.activity) {
    title = t(`timeline.activity.${item.activity.type}`, { defaultValue: item.activity.type });
    body = item.activity.subject ?? item.activity.body;
  } else if (item.task) {
    title = t('timeline.task', { title: item.task.title });
    body = t('timeline.due', { date: format.dateTime(item.task.dueAt) });
  } else if (item.stageMove) {
    title = t('timeline.stageMove', { from: item.stageMove.fromStageName ?? '—', to: item.stageMove.toStageName ?? '—' });
    body = item.stageMove.reason;
  } else {
    title = t(`timeline.change.${item.change?.action ?? 'other'}`, { defaultValue: item.change?.action ?? item.kind });
  }
  return (
    <li className="timeline__item">
      <span className="timeline__icon">{iconOf(item)}</span>
      <div>
        <div>{title}</div>
        {body && <div className="muted">{body}</div>}
        <time className="timeline__meta" dateTime={item.at} title={format.dateTime(item.at)}>
          {format.relative(item.at)}
        </time>
      </div>
    </li>
  );
}

/** A record's history: activities, tasks, audited changes and stage moves, newest first. */
export function RecordTimeline({ entityType, id }: { entityType: TimelineEntity; id: string }) {
  const { t } = useTranslation();
  const timeline = useTimeline(entityType, id);
  const items = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card" aria-labelledby={`timeline-${id}`}>
      <h2 id={`timeline-${id}`} className="card__title">
        {t('timeline.title')}
      </h2>
      {timeline.isPending ? (
        <SkeletonRows rows={4} columns={1} />
      ) : timeline.isError ? (
        <ProblemAlert error={timeline.error} />
      ) : items.length === 0 ? (
        <EmptyState icon={<CalendarClock size={24} />} title={t('timeline.empty')} />
      ) : (
        <>
          <ol className="timeline">
            {items.map((item) => (
              <TimelineEntry key={`${item.kind}-${item.id}-${item.at}`} item={item} />
            ))}
          </ol>
          {timeline.hasNextPage && (
            <Button size="sm" variant="ghost" busy={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
              {t('common.loadMore')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
