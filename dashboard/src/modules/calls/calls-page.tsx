import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Group, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { copyText, toTsv } from '../inbox/tsv';
import { fetchCalls, fetchReasons, type Call, type CallFilters } from './calls.api';
import { callColumns } from './call-columns';
import { CallDrawer } from './call-drawer';
import './calls.css';

/**
 * Seed 001's "Llamadas" and "Llamadas ventas": every call the IVR received, open ones first by default,
 * filtered by text, dates, status, reason and city (applied with "Filtrar"), copied as TSV or printed;
 * and the calls counted by reason, where a reason opens the list filtered by it.
 */
export function CallsPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<CallFilters>({ status: 'open' });
  const [filters, setFilters] = useState<CallFilters>({ status: 'open' });
  const [tab, setTab] = useState<string>('calls');
  const [selected, setSelected] = useState<Call | null>(null);
  const columns = useMemo(() => callColumns(t, i18n.resolvedLanguage ?? 'es'), [t, i18n.resolvedLanguage]);

  const list = useInfiniteQuery({
    queryKey: ['calls', 'list', filters],
    queryFn: ({ pageParam }) => fetchCalls(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const reasons = useQuery({ queryKey: ['calls', 'reasons', filters], queryFn: () => fetchReasons(filters), enabled: tab === 'sales' });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const apply = (next: CallFilters) => {
    setDraft(next);
    setFilters(next);
  };
  const copy = async () => {
    const ok = await copyText(toTsv(rows, columns));
    notifications.show({ color: ok ? 'green' : 'red', message: t(ok ? 'calls.copied' : 'calls.copyFailed') });
  };
  const statusOptions = [
    { value: '', label: t('calls.filters.allStatuses') },
    ...(['open', 'closed', 'service_request'] as const).map((s) => ({ value: s, label: t(`calls.status.${s}`) })),
  ];

  return (
    <Stack p="md" gap="sm" className="atiende-calls">
      <Group justify="space-between" className="atiende-calls-screen">
        <Title order={3}>{t('calls.title')}</Title>
        <Group gap="xs">
          <Button variant="default" onClick={copy} disabled={rows.length === 0}>{t('calls.copy')}</Button>
          <Button variant="default" onClick={() => window.print()}>{t('calls.print')}</Button>
        </Group>
      </Group>
      <form
        className="atiende-calls-screen"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <Group gap="xs" align="end" wrap="wrap">
          <TextInput label={t('calls.filters.search')} placeholder={t('calls.filters.searchPlaceholder')} value={draft.q ?? ''} onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })} w={240} />
          <TextInput type="date" label={t('calls.filters.from')} value={draft.from ?? ''} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} w={150} />
          <TextInput type="date" label={t('calls.filters.to')} value={draft.to ?? ''} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} w={150} />
          <Select label={t('calls.filters.status')} data={statusOptions} value={draft.status ?? ''} onChange={(v) => setDraft({ ...draft, status: v || undefined })} w={200} allowDeselect={false} />
          <TextInput label={t('calls.filters.reason')} value={draft.reason ?? ''} onChange={(e) => setDraft({ ...draft, reason: e.currentTarget.value })} w={180} />
          <TextInput label={t('calls.filters.city')} value={draft.city ?? ''} onChange={(e) => setDraft({ ...draft, city: e.currentTarget.value })} w={150} />
          <Button type="submit">{t('calls.filters.apply')}</Button>
        </Group>
      </form>
      <Tabs value={tab} onChange={(v) => setTab(v ?? 'calls')} className="atiende-calls-screen">
        <Tabs.List>
          <Tabs.Tab value="calls">{t('calls.tabs.calls')}</Tabs.Tab>
          <Tabs.Tab value="sales">{t('calls.tabs.sales')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {list.isError && <Alert color="red">{t('calls.loadError')}</Alert>}
      {tab === 'sales' ? (
        <Table striped data-testid="calls-by-reason" className="atiende-calls-screen">
          <Table.Thead>
            <Table.Tr><Table.Th>{t('calls.columns.reason')}</Table.Th><Table.Th>{t('calls.columns.count')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reasons.data?.items.map((r) => (
              <Table.Tr key={r.reason ?? ''}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" disabled={r.reason === null} onClick={() => { apply({ ...filters, reason: r.reason ?? undefined }); setTab('calls'); }}>
                    {r.reason ?? t('calls.noReason')}
                  </Button>
                </Table.Td>
                <Table.Td>{r.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Caption>{t('calls.total', { count: reasons.data?.total ?? 0 })}</Table.Caption>
        </Table>
      ) : (
        <div className="atiende-calls-table">
          <Text className="atiende-calls-print-title" fw={700}>{t('calls.printTitle')}</Text>
          <Table striped highlightOnHover data-testid="calls-table">
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => <Table.Th key={c.key}>{c.header}</Table.Th>)}
                <Table.Th className="atiende-calls-screen" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((call) => (
                <Table.Tr key={call.id}>
                  {columns.map((c) => <Table.Td key={c.key}>{c.value(call)}</Table.Td>)}
                  <Table.Td className="atiende-calls-screen">
                    <Button size="compact-sm" variant="light" onClick={() => setSelected(call)} aria-label={`${t('calls.view')} ${call.callId}`}>{t('calls.view')}</Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="md">{t('calls.empty')}</Text>}
          {list.hasNextPage && (
            <Group justify="center" className="atiende-calls-screen">
              <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('calls.loadMore')}</Button>
            </Group>
          )}
        </div>
      )}
      <CallDrawer call={selected} onClose={() => setSelected(null)} />
    </Stack>
  );
}
