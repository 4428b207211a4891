import { Alert, Anchor, Badge, Button, Group, Loader, MultiSelect, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../../app/api-client';
import { type Me, useMe } from '../../../app/auth';
import { PrintSheet } from '../../../app/export/print-sheet';
import { useCopyPrint } from '../../../app/export/use-copy-print';
import { conversationStatuses } from '../../inbox/conversations.api';
import type { Names } from '../../inbox/inbox-export';
import { useChannels, useTeams, useUsers } from '../../inbox/inbox.api';
import { toTsv } from '../../inbox/tsv';
import { TransferList } from './conversation-transfers';
import { describeReportFilters, transferColumns, transferLines } from './transfers-export';
import { readReportFilters, reportFiltersToSearch } from './transfers-filters';
import { fetchTransfersReport, transferKeys, type TransfersReportFilters, type TransfersReportItem, type TransfersReportPage } from './transfers.api';

/** Copy and Print load the remaining pages first, up to this many conversations. */
export const MAX_EXPORT_CONVERSATIONS = 1000;

type ReportData = InfiniteData<TransfersReportPage, unknown>;
const itemsOf = (data: ReportData | undefined): TransfersReportItem[] => data?.pages.flatMap((p) => p.items) ?? [];

/** /reports/transfers (seed 004): the conversations transferred in a date range, each with its transfers. Supervisors and up. */
export function TransfersReportPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  if (me.role === 'agent') {
    return (
      <Alert m="md" color="yellow">
        {t('reports.transfers.forbidden')}
      </Alert>
    );
  }
  return <TransfersReport me={me} />;
}

function TransfersReport({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'es';
  const [params, setParams] = useSearchParams();
  const [today] = useState(() => new Date());
  const search = reportFiltersToSearch(readReportFilters(params, today)).toString();
  const filters = useMemo(() => readReportFilters(new URLSearchParams(search), today), [search, today]);
  const change = (patch: Partial<TransfersReportFilters>) => setParams(reportFiltersToSearch({ ...filters, ...patch }), { replace: true });

  const list = useInfiniteQuery({
    queryKey: transferKeys.report(filters),
    queryFn: ({ pageParam, signal }) => fetchTransfersReport(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(() => itemsOf(list.data), [list.data]);
  const lines = useMemo(() => transferLines(items), [items]);
  const columns = useMemo(() => transferColumns(t, language), [t, language]);

  const teams = useTeams();
  const channels = useChannels();
  const users = useUsers();
  const names: Names = {
    channel: (id) => channels.data?.find((c) => c.id === id)?.name,
    team: (id) => teams.data?.find((x) => x.id === id)?.name,
    user: (id) => users.data?.find((u) => u.id === id)?.name,
  };

  const { exporting, printedAt, copy, print } = useCopyPrint({
    list,
    rowsOf: itemsOf,
    maxRows: MAX_EXPORT_CONVERSATIONS,
    toText: (rows) => toTsv(transferLines(rows), columns),
    messages: {
      copied: (rows) => t('reports.transfers.actions.copied', { count: transferLines(rows).length }),
      copyFailed: t('reports.transfers.actions.copyFailed'),
      truncated: t('reports.transfers.actions.truncated', { count: MAX_EXPORT_CONVERSATIONS }),
    },
  });
  const generated = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(printedAt));
  const forbidden = list.error instanceof ApiError && list.error.status === 403;

  return (
    <>
      <Stack gap="sm" className="atiende-screen-only">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3}>{t('reports.transfers.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('reports.transfers.intro')}
            </Text>
          </div>
          <Group gap="xs">
            <Tooltip label={t('reports.transfers.actions.copyHint')} multiline w={240}>
              <Button variant="default" onClick={() => void copy()} loading={exporting === 'copy'} disabled={lines.length === 0} data-testid="transfers-copy">
                {t('reports.transfers.actions.copy')}
              </Button>
            </Tooltip>
            <Tooltip label={t('reports.transfers.actions.printHint')} multiline w={240}>
              <Button variant="default" onClick={() => void print()} loading={exporting === 'print'} data-testid="transfers-print">
                {t('reports.transfers.actions.print')}
              </Button>
            </Tooltip>
          </Group>
        </Group>
        <ReportFilters filters={filters} onChange={change} catalogue={{ teams: teams.data ?? [], channels: channels.data ?? [], users: users.data ?? [] }} />
        {forbidden ? (
          <Alert color="yellow">{t('reports.transfers.forbidden')}</Alert>
        ) : list.isError ? (
          <Alert color="red">
            <Group justify="space-between">
              {t('reports.transfers.loadError')}
              <Button size="compact-sm" variant="light" color="red" onClick={() => void list.refetch()}>
                {t('reports.transfers.retry')}
              </Button>
            </Group>
          </Alert>
        ) : list.isPending ? (
          <Loader size="sm" aria-label={t('reports.transfers.loading')} />
        ) : items.length === 0 ? (
          <Text c="dimmed" ta="center" p="md" data-testid="transfers-empty">
            {t('reports.transfers.empty')}
          </Text>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <Table verticalSpacing="xs" data-testid="transfers-table">
              <Table.Thead>
                <Table.Tr>
                  {(['conversation', 'channel', 'team', 'agent', 'status', 'transfers'] as const).map((key) => (
                    <Table.Th key={key}>{t(`reports.transfers.columns.${key}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map(({ conversation: c, transfers }) => (
                  <Table.Tr key={c.id} data-testid="transfers-row" style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <Anchor component={Link} to={`/conversations/${c.id}`} size="sm" aria-label={t('reports.transfers.open', { id: c.id })}>
                        #{c.id}
                      </Anchor>
                      <Text size="sm">{c.contact.name || c.contact.phone}</Text>
                    </Table.Td>
                    <Table.Td>{c.channel.name}</Table.Td>
                    <Table.Td>{c.team?.name ?? t('reports.transfers.noTeam')}</Table.Td>
                    <Table.Td>{c.assignee?.name ?? t('reports.transfers.unassigned')}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray">
                        {t(`inbox.statuses.${c.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td miw={320}>
                      <TransferList transfers={transfers} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
        {list.hasNextPage && (
          <Group justify="center">
            <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('reports.transfers.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
      <PrintSheet
        title={t('reports.transfers.title')}
        lines={[
          t('reports.transfers.sheet.filters', { filters: describeReportFilters(filters, t, names).join(' · ') }),
          `${t('reports.transfers.sheet.generated', { date: generated, name: me.user.name })} · ${t('reports.transfers.sheet.rows', { count: lines.length })}`,
        ]}
        columns={columns}
        rows={lines}
        rowKey={(l) => l.transfer.id}
        testId="transfers-print-sheet"
      />
    </>
  );
}

interface Catalogue {
  teams: Array<{ id: number; name: string }>;
  channels: Array<{ id: number; name: string }>;
  users: Array<{ id: number; name: string; active: boolean }>;
}

/** The inbox's filters where they apply: the dates bound the transfers; team and agent match either end of one. */
function ReportFilters({ filters, onChange, catalogue }: { filters: TransfersReportFilters; onChange: (patch: Partial<TransfersReportFilters>) => void; catalogue: Catalogue }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(filters.q ?? '');
  useEffect(() => setQuery(filters.q ?? ''), [filters.q]);
  const commitQuery = () => {
    const q = query.trim() || undefined;
    if (q !== filters.q) onChange({ q });
  };
  const any = t('reports.transfers.filters.any');
  const label = (key: string) => t(`reports.transfers.filters.${key}`);
  return (
    <Group gap="xs" align="end" wrap="wrap">
      <TextInput type="date" label={label('from')} value={filters.from} max={filters.to} onChange={(e) => e.currentTarget.value && onChange({ from: e.currentTarget.value })} w={150} />
      <TextInput type="date" label={label('to')} value={filters.to} min={filters.from} onChange={(e) => e.currentTarget.value && onChange({ to: e.currentTarget.value })} w={150} />
      <Select
        label={label('team')}
        placeholder={any}
        clearable
        searchable
        value={filters.teamId ?? null}
        onChange={(v) => onChange({ teamId: v ?? undefined })}
        data={catalogue.teams.map((x) => ({ value: String(x.id), label: x.name }))}
        w={170}
      />
      <Select
        label={label('channel')}
        placeholder={any}
        clearable
        searchable
        value={filters.channelId ?? null}
        onChange={(v) => onChange({ channelId: v ?? undefined })}
        data={catalogue.channels.map((c) => ({ value: String(c.id), label: c.name }))}
        w={170}
      />
      <Select
        label={label('agent')}
        placeholder={any}
        clearable
        searchable
        value={filters.assigneeId ?? null}
        onChange={(v) => onChange({ assigneeId: v ?? undefined })}
        data={catalogue.users.filter((u) => u.active || String(u.id) === filters.assigneeId).map((u) => ({ value: String(u.id), label: u.name }))}
        w={170}
      />
      <MultiSelect
        label={label('status')}
        placeholder={filters.status ? undefined : t('reports.transfers.filters.allStatuses')}
        clearable
        value={filters.status ? filters.status.split(',') : []}
        onChange={(v) => onChange({ status: conversationStatuses.filter((s) => v.includes(s)).join(',') || undefined })}
        data={conversationStatuses.map((s) => ({ value: s, label: t(`inbox.statuses.${s}`) }))}
        w={220}
      />
      <TextInput
        type="search"
        label={label('search')}
        placeholder={label('searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onBlur={commitQuery}
        onKeyDown={(e) => e.key === 'Enter' && commitQuery()}
        w={200}
      />
    </Group>
  );
}
