import { ActionIcon, Box, Button, Checkbox, CloseButton, Divider, Group, Indicator, Popover, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { forwardRef, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtimeStatus } from '../../app/realtime/realtime-provider';
import { conversationStatuses, priorities, type ConversationStatus } from './conversations.api';
import { ALL_STATUSES, DEFAULT_STATUS, type InboxFilters, statusList } from './inbox-filters';
import type { ChannelOption, TagOption, TeamOption, UserOption } from './inbox.api';
import { ExportCsvButton } from './export-csv-button';

export interface InboxToolbarProps {
  filters: InboxFilters;
  onChange: (patch: Partial<InboxFilters>) => void;
  onClear: () => void;
  channels: ChannelOption[];
  teams: TeamOption[];
  tags: TagOption[];
  users: UserOption[];
  onCopy: () => void;
  onPrint: () => void;
  exporting: 'copy' | 'print' | null;
  onOpenViews: () => void;
}

const SEARCH_DELAY_MS = 350;

const icon = (d: string) => (
  <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
    <path d={d} />
  </svg>
);
const searchIcon = icon('M10 17a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-6-6');
const filterIcon = icon('M4 5h16l-6 8v6l-4-2v-4z');
const copyIcon = icon('M8 8h11v12H8zM5 16V4h11');
const printIcon = icon('M7 9V3h10v6M7 17H4v-7h16v7h-3M7 14h10v7H7z');
const viewsIcon = icon('M4 6h16M4 12h16M4 18h10');

/** Search, status, the other filters, Copy and Print, above the list (seed 001). */
export const InboxToolbar = forwardRef<HTMLInputElement, InboxToolbarProps>(function InboxToolbar(props, searchRef) {
  const { t } = useTranslation();
  const { filters, onChange } = props;
  const [query, setQuery] = useState(filters.q ?? '');
  const [filtersOpen, setFiltersOpen] = useState(false);

  // The URL wins when it changes from elsewhere (a view was picked, back button).
  useEffect(() => setQuery(filters.q ?? ''), [filters.q]);
  useEffect(() => {
    const next = query.trim() || undefined;
    if (next === filters.q) return;
    const timer = setTimeout(() => onChange({ q: next }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  const narrowing = (['assigneeId', 'teamId', 'channelId', 'tag', 'priority', 'mentioned', 'from', 'to'] as const).filter((k) => filters[k] !== undefined).length;

  return (
    <Stack gap={6} p="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group gap={6} wrap="nowrap">
        <Tooltip label={t('inbox.views.open')}>
          <ActionIcon variant="default" size="lg" className="atiende-inbox-views-toggle" aria-label={t('inbox.views.open')} onClick={props.onOpenViews}>
            {viewsIcon}
          </ActionIcon>
        </Tooltip>
        <TextInput
          ref={searchRef}
          style={{ flex: 1 }}
          type="search"
          aria-label={t('inbox.filters.search')}
          placeholder={t('inbox.filters.searchPlaceholder')}
          title={t('inbox.filters.searchHint')}
          leftSection={searchIcon}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange({ q: query.trim() || undefined });
            if (e.key === 'Escape') (e.currentTarget as HTMLInputElement).blur();
          }}
          rightSection={
            query ? (
              <CloseButton
                size="sm"
                aria-label={t('inbox.filters.clearSearch')}
                onClick={() => {
                  setQuery('');
                  onChange({ q: undefined });
                }}
              />
            ) : null
          }
          data-testid="inbox-search"
        />
      </Group>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <StatusFilter value={filters.status} onChange={(status) => onChange({ status })} />
          <Popover opened={filtersOpen} onChange={setFiltersOpen} position="bottom-start" width={300} shadow="md" trapFocus>
            <Popover.Target>
              <Indicator label={narrowing} size={16} disabled={narrowing === 0} offset={4}>
                <Button
                  variant={narrowing ? 'light' : 'default'}
                  size="xs"
                  leftSection={filterIcon}
                  onClick={() => setFiltersOpen((o) => !o)}
                  aria-label={narrowing ? `${t('inbox.filters.toggle')} (${t('inbox.filters.active', { count: narrowing })})` : t('inbox.filters.toggle')}
                  data-testid="inbox-filters-toggle"
                >
                  {t('inbox.filters.toggle')}
                </Button>
              </Indicator>
            </Popover.Target>
            <Popover.Dropdown>
              <FilterFields {...props} />
            </Popover.Dropdown>
          </Popover>
        </Group>
        <Group gap={4} wrap="nowrap">
          <LiveDot />
          <Tooltip label={t('inbox.actions.copyHint')} multiline w={240}>
            <ActionIcon variant="default" size="md" aria-label={t('inbox.actions.copy')} onClick={props.onCopy} loading={props.exporting === 'copy'} data-testid="inbox-copy">
              {copyIcon}
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('inbox.actions.printHint')} multiline w={240}>
            <ActionIcon variant="default" size="md" aria-label={t('inbox.actions.print')} onClick={props.onPrint} loading={props.exporting === 'print'} data-testid="inbox-print">
              {printIcon}
            </ActionIcon>
          </Tooltip>
          <ExportCsvButton filters={filters} />
        </Group>
      </Group>
    </Stack>
  );
});

/** Seed 001's status dropdown, whose default is "open": here open and queued, the conversations that need someone. */
function StatusFilter({ value, onChange }: { value: string; onChange: (status: string) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const chosen = value === ALL_STATUSES ? [] : statusList(value);
  const label = chosen.length === 0 ? t('inbox.filters.allStatuses') : chosen.map((s) => t(`inbox.statuses.${s}`)).join(', ');
  const set = (next: string[]) => {
    const ordered = conversationStatuses.filter((s) => next.includes(s));
    onChange(ordered.length === 0 || ordered.length === conversationStatuses.length ? ALL_STATUSES : ordered.join(','));
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" shadow="md" width={220}>
      <Popover.Target>
        <Button
          variant="default"
          size="xs"
          onClick={() => setOpened((o) => !o)}
          maw={150}
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
          aria-label={`${t('inbox.filters.status')}: ${label}`}
          data-testid="inbox-status-filter"
        >
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={8}>
          <Text size="xs" fw={600} c="dimmed">
            {t('inbox.filters.status')}
          </Text>
          <Checkbox.Group value={chosen} onChange={set}>
            <Stack gap={6}>
              {conversationStatuses.map((s: ConversationStatus) => (
                <Checkbox key={s} value={s} label={t(`inbox.statuses.${s}`)} size="xs" />
              ))}
            </Stack>
          </Checkbox.Group>
          <Divider />
          <Group gap={6}>
            <Button size="compact-xs" variant="subtle" onClick={() => onChange(DEFAULT_STATUS)}>
              {`${t('inbox.statuses.open')} + ${t('inbox.statuses.queued')}`}
            </Button>
            <Button size="compact-xs" variant="subtle" onClick={() => onChange(ALL_STATUSES)}>
              {t('inbox.filters.allStatuses')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function FilterFields({ filters, onChange, onClear, channels, teams, tags, users }: InboxToolbarProps) {
  const { t } = useTranslation();
  const inPopover = { withinPortal: false } as const;
  const any = t('inbox.filters.any');
  return (
    <Stack gap="xs">
      <Group gap="xs" grow>
        <TextInput
          type="date"
          size="xs"
          label={t('inbox.filters.from')}
          value={filters.from ?? ''}
          max={filters.to}
          onChange={(e) => onChange({ from: e.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          size="xs"
          label={t('inbox.filters.to')}
          value={filters.to ?? ''}
          min={filters.from}
          onChange={(e) => onChange({ to: e.currentTarget.value || undefined })}
        />
      </Group>
      <Select
        size="xs"
        label={t('inbox.filters.channel')}
        placeholder={any}
        clearable
        searchable
        comboboxProps={inPopover}
        value={filters.channelId ?? null}
        onChange={(v) => onChange({ channelId: v ?? undefined })}
        data={channels.map((c) => ({ value: String(c.id), label: c.name }))}
      />
      <Select
        size="xs"
        label={t('inbox.filters.team')}
        placeholder={any}
        clearable
        searchable
        comboboxProps={inPopover}
        value={filters.teamId ?? null}
        onChange={(v) => onChange({ teamId: v ?? undefined })}
        data={[{ value: 'none', label: t('inbox.filters.noTeam') }, ...teams.map((x) => ({ value: String(x.id), label: x.name }))]}
      />
      <Select
        size="xs"
        label={t('inbox.filters.assignee')}
        placeholder={any}
        clearable
        searchable
        comboboxProps={inPopover}
        value={filters.assigneeId ?? null}
        onChange={(v) => onChange({ assigneeId: v ?? undefined })}
        data={[
          { value: 'me', label: t('inbox.filters.me') },
          { value: 'none', label: t('inbox.filters.nobody') },
          ...users.filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.name })),
        ]}
      />
      <Select
        size="xs"
        label={t('inbox.filters.tag')}
        placeholder={any}
        clearable
        searchable
        comboboxProps={inPopover}
        value={filters.tag ?? null}
        onChange={(v) => onChange({ tag: v ?? undefined })}
        data={[...new Set([...tags.map((x) => x.name), ...(filters.tag ? [filters.tag] : [])])]}
      />
      <Select
        size="xs"
        label={t('inbox.filters.priority')}
        placeholder={any}
        clearable
        comboboxProps={inPopover}
        value={filters.priority ?? null}
        onChange={(v) => onChange({ priority: v ?? undefined })}
        data={priorities.map((p) => ({ value: p, label: t(`inbox.priorities.${p}`) }))}
      />
      <Checkbox
        size="xs"
        label={t('inbox.filters.mentioned')}
        checked={filters.mentioned === 'me'}
        onChange={(e) => onChange({ mentioned: e.currentTarget.checked ? 'me' : undefined })}
      />
      <Button size="xs" variant="subtle" color="gray" onClick={onClear}>
        {t('inbox.filters.clear')}
      </Button>
    </Stack>
  );
}

/** Whether the list is live: a green dot, amber while connecting, red while offline (and retrying). */
function LiveDot() {
  const { t } = useTranslation();
  const status = useRealtimeStatus();
  const color = status === 'live' ? 'teal' : status === 'connecting' ? 'yellow' : 'red';
  const label = t(`inbox.live.${status}`);
  return (
    <Tooltip label={label}>
      <Box
        role="img"
        aria-label={label}
        data-testid="inbox-live"
        data-status={status}
        w={10}
        h={10}
        mx={4}
        style={{ borderRadius: '50%', flexShrink: 0, background: `var(--mantine-color-${color}-6)` }}
      />
    </Tooltip>
  );
}
