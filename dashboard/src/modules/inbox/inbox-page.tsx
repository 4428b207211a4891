import './inbox.css';
import { Drawer } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { type Me, useMe } from '../../app/auth';
import { RealtimeProvider } from '../../app/realtime/realtime-provider';
import { useCopyPrint } from '../../app/export/use-copy-print';
import { ConversationList } from './conversation-list';
import { conversationKeys, listConversations } from './conversations.api';
import { describeFilters, exportColumns, type Names } from './inbox-export';
import { ALL_STATUSES, filtersToSearch, hasNarrowing, type InboxFilters, readFilters, toApiFilters } from './inbox-filters';
import { useChannels, useTags, useTeams, useUsers } from './inbox.api';
import { InboxToolbar } from './inbox-toolbar';
import { flatten, type ListData } from './list-cache';
import { useNewAssignments } from './new-assignments';
import { PrintTable } from './print-table';
import { toTsv } from './tsv';
import { PAGE_SIZE, useInboxLive } from './use-inbox-live';
import { ViewsSidebar } from './views-sidebar';

/** Copy and Print load the remaining pages first, up to this many rows. */
export const MAX_EXPORT_ROWS = 2000;

/** /conversations: views | list | the open conversation (the router's child route). */
export function InboxPage() {
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <RealtimeProvider>
      <Inbox me={me} />
    </RealtimeProvider>
  );
}

function Inbox({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const { conversationId } = useParams();
  const selectedId = conversationId && /^\d+$/.test(conversationId) ? Number(conversationId) : null;

  const search = filtersToSearch(readFilters(params)).toString();
  const filters = useMemo(() => readFilters(new URLSearchParams(search)), [search]);
  const apiFilters = useMemo(() => toApiFilters(filters), [filters]);

  const list = useInfiniteQuery({
    queryKey: conversationKeys.list(apiFilters),
    queryFn: ({ pageParam, signal }) => listConversations(apiFilters, pageParam, signal, PAGE_SIZE),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 60_000,
  });
  const items = useMemo(() => flatten(list.data as ListData | undefined), [list.data]);

  const users = useUsers();
  const teams = useTeams();
  const channels = useChannels();
  const tags = useTags();
  const flagged = useNewAssignments(me.user.id);
  useInboxLive({ me, filters: apiFilters, users: users.data, teams: teams.data, selectedId });

  const names: Names = useMemo(
    () => ({
      channel: (id) => channels.data?.find((c) => c.id === id)?.name,
      team: (id) => teams.data?.find((x) => x.id === id)?.name,
      user: (id) => users.data?.find((u) => u.id === id)?.name,
    }),
    [channels.data, teams.data, users.data],
  );

  const hrefFor = useCallback((id: number) => `/conversations/${id}${search ? `?${search}` : ''}`, [search]);
  const viewHref = useCallback(
    (view: InboxFilters) => {
      const query = filtersToSearch(view).toString();
      return `${location.pathname}${query ? `?${query}` : ''}`;
    },
    [location.pathname],
  );

  const setFilters = (next: InboxFilters, replace: boolean) => setParams(filtersToSearch(next), { replace });
  // A patch applies to the filters of the latest render, not of the one that created the callback: the search
  // box's delayed commit must not undo a status picked meanwhile (it did, after Enter then a quick status click).
  const latestFilters = useRef(filters);
  latestFilters.current = filters;
  const onChange = (patch: Partial<InboxFilters>) => setFilters({ ...latestFilters.current, ...patch }, Object.keys(patch).every((k) => k === 'q'));
  const onClear = () => setFilters({ status: filters.status }, false);

  // Keyboard: j / k (or Alt+↓ / Alt+↑) move through the list, / searches.
  const searchRef = useRef<HTMLInputElement>(null);
  const move = (step: 1 | -1) => {
    if (items.length === 0) return;
    const at = selectedId === null ? -1 : items.findIndex((c) => c.id === selectedId);
    const index = at === -1 ? (step === 1 ? 0 : items.length - 1) : at + step;
    if (index >= items.length - 3 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
    const target = items[Math.max(0, Math.min(items.length - 1, index))];
    if (target && target.id !== selectedId) navigate(hrefFor(target.id));
  };
  const focusSearch = () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
    ['alt+ArrowDown', () => move(1)],
    ['alt+ArrowUp', () => move(-1)],
    ['/', focusSearch],
    ['shift+/', focusSearch],
  ]);

  // Copy and Print (seed 001): the whole result, not only what has scrolled into view.
  const { exporting, printedAt, copy: onCopy, print: onPrint } = useCopyPrint({
    list,
    rowsOf: (data) => flatten(data as ListData | undefined),
    maxRows: MAX_EXPORT_ROWS,
    toText: (rows) => toTsv(rows, exportColumns(t, i18n.resolvedLanguage ?? 'es', Date.now())),
    messages: { copied: (rows) => t('inbox.actions.copied', { count: rows.length }), copyFailed: t('inbox.actions.copyFailed'), truncated: t('inbox.actions.truncated', { count: MAX_EXPORT_ROWS }) },
  });

  const [viewsOpen, setViewsOpen] = useState(false);
  const sidebar = (onNavigate?: () => void) => (
    <ViewsSidebar me={me} filters={filters} hrefFor={viewHref} channels={channels.data ?? []} teams={teams.data ?? []} names={names} onNavigate={onNavigate} />
  );
  const showStatus = filters.status === ALL_STATUSES || filters.status.includes(',');

  return (
    <div className="atiende-inbox" data-selected={selectedId !== null ? 'true' : 'false'}>
      <aside className="atiende-inbox-views">{sidebar()}</aside>
      <Drawer opened={viewsOpen} onClose={() => setViewsOpen(false)} size={260} padding={0} withCloseButton={false}>
        {viewsOpen && sidebar(() => setViewsOpen(false))}
      </Drawer>
      <section className="atiende-inbox-list" aria-label={t('inbox.list.label')}>
        <InboxToolbar
          ref={searchRef}
          filters={filters}
          onChange={onChange}
          onClear={onClear}
          channels={channels.data ?? []}
          teams={teams.data ?? []}
          tags={tags.data ?? []}
          users={users.data ?? []}
          onCopy={() => void onCopy()}
          onPrint={() => void onPrint()}
          exporting={exporting}
          onOpenViews={() => setViewsOpen(true)}
        />
        <ConversationList
          items={items}
          status={list.status}
          error={list.error}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          fetchNextPage={() => void list.fetchNextPage()}
          retry={() => void list.refetch()}
          hrefFor={hrefFor}
          selectedId={selectedId}
          flagged={flagged}
          showStatus={showStatus}
          filtered={hasNarrowing(filters)}
        />
      </section>
      <section className="atiende-inbox-pane">
        <Outlet />
      </section>
      <PrintTable rows={items} filters={describeFilters(filters, t, names)} userName={me.user.name} now={printedAt} />
    </div>
  );
}
