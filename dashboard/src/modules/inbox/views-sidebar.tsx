import { ActionIcon, Badge, Button, Checkbox, Group, Menu, Modal, NavLink, ScrollArea, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../app/auth';
import { errorMessage } from '../../app/error-message';
import { ChannelIcon } from './channel-icon';
import { conversationKeys, getConversationCounts, type ConversationCounts } from './conversations.api';
import { describeFilters, type Names } from './inbox-export';
import { fromSavedViewFilters, type InboxFilters, sameFilters, toSavedViewFilters } from './inbox-filters';
import { createView, deleteView, inboxKeys, type ChannelOption, type SavedView, type TeamOption, updateView, useSavedViews } from './inbox.api';

/** The built-in views (respond.io's and Chatwoot's): what each shows, and which count it wears. */
export const builtInViews: Array<{ id: 'mine' | 'unassigned' | 'all' | 'mentions' | 'bot' | 'snoozed' | 'closed'; filters: InboxFilters; count?: keyof ConversationCounts }> = [
  { id: 'mine', filters: { status: 'open,queued', assigneeId: 'me' }, count: 'mine' },
  { id: 'unassigned', filters: { status: 'queued', assigneeId: 'none' }, count: 'unassigned' },
  { id: 'all', filters: { status: 'open,queued' }, count: 'all' },
  { id: 'mentions', filters: { status: 'open,queued,bot,snoozed', mentioned: 'me' }, count: 'mentions' },
  { id: 'bot', filters: { status: 'bot' }, count: 'bot' },
  { id: 'snoozed', filters: { status: 'snoozed' }, count: 'snoozed' },
  { id: 'closed', filters: { status: 'closed' } },
];

export const teamQueue = (teamId: number): InboxFilters => ({ status: 'queued', teamId: String(teamId) });
export const channelView = (channelId: number): InboxFilters => ({ status: 'open,queued', channelId: String(channelId) });
export const tagView = (tag: string): InboxFilters => ({ status: 'open,queued', tag });

const TAGS_SHOWN = 12;

export interface ViewsSidebarProps {
  me: Me;
  filters: InboxFilters;
  hrefFor: (filters: InboxFilters) => string;
  channels: ChannelOption[];
  teams: TeamOption[];
  names: Names;
  onNavigate?: () => void;
}

/** Views with live counts, my teams' queues, channels, tags and saved views; the current one is marked. */
export function ViewsSidebar({ me, filters, hrefFor, channels, teams, names, onNavigate }: ViewsSidebarProps) {
  const { t } = useTranslation();
  const counts = useQuery({ queryKey: conversationKeys.counts(), queryFn: ({ signal }) => getConversationCounts(signal), staleTime: 30_000, retry: 1 });
  const [allTags, setAllTags] = useState(false);
  const c = counts.data;

  const myTeams = teams.filter((team) => me.teamIds.includes(team.id));
  // Someone in no team who sees everything (an admin, a supervisor) gets every team's queue.
  const queueTeams = myTeams.length > 0 ? myTeams : me.accessLevel === 'all' || me.role === 'admin' || me.role === 'owner' ? teams : [];
  const teamCount = (id: number) => c?.teams.find((x) => x.id === id)?.count;
  const channelCount = (id: number) => c?.channels.find((x) => x.id === id)?.count;
  const tagCounts = [...(c?.tags ?? [])].filter((x) => x.count > 0).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  const tagsShown = allTags ? tagCounts : tagCounts.slice(0, TAGS_SHOWN);

  const item = (key: string, label: ReactNode, view: InboxFilters, count: number | undefined, left?: ReactNode) => (
    <NavLink
      key={key}
      component={Link}
      to={hrefFor(view)}
      onClick={onNavigate}
      label={label}
      leftSection={left}
      active={sameFilters(view, filters)}
      rightSection={count !== undefined && count > 0 ? <CountBadge count={count} /> : null}
      noWrap
      py={5}
      data-testid={`inbox-view-${key}`}
    />
  );

  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap={4} p="xs">
        <Title order={2} size="h5" px={8} pt={4} pb={4}>
          {t('inbox.title')}
        </Title>
        <nav aria-label={t('inbox.views.label')}>
          {builtInViews.map((v) => item(v.id, t(`inbox.views.${v.id}`), v.filters, v.count ? (c?.[v.count] as number | undefined) : undefined))}

          {queueTeams.length > 0 && <Section label={t('inbox.views.teams')} />}
          {queueTeams.map((team) => item(`team-${team.id}`, team.name, teamQueue(team.id), teamCount(team.id)))}

          {channels.length > 1 && <Section label={t('inbox.views.channels')} />}
          {channels.length > 1 &&
            channels
              .filter((ch) => ch.active)
              .map((ch) =>
                item(
                  `channel-${ch.id}`,
                  ch.name,
                  channelView(ch.id),
                  channelCount(ch.id),
                  <ChannelIcon type={ch.type} label={t(`channels.types.${ch.type}`, { defaultValue: ch.type })} size={14} />,
                ),
              )}

          {tagCounts.length > 0 && <Section label={t('inbox.views.tags')} />}
          {tagsShown.map((x) => item(`tag-${x.tag}`, x.tag, tagView(x.tag), x.count))}
          {tagCounts.length > TAGS_SHOWN && (
            <Button variant="subtle" size="compact-xs" color="gray" ml={8} onClick={() => setAllTags((a) => !a)}>
              {allTags ? '−' : t('inbox.list.more', { count: tagCounts.length - TAGS_SHOWN })}
            </Button>
          )}
        </nav>
        <SavedViews me={me} filters={filters} hrefFor={hrefFor} names={names} onNavigate={onNavigate} />
      </Stack>
    </ScrollArea>
  );
}

function CountBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color="gray" aria-label={t('inbox.views.count', { count })}>
      {count > 999 ? '999+' : count}
    </Badge>
  );
}

function Section({ label, action }: { label: string; action?: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" px={8} pt={12} pb={2}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      {action}
    </Group>
  );
}

function SavedViews({ me, filters, hrefFor, names, onNavigate }: Pick<ViewsSidebarProps, 'me' | 'filters' | 'hrefFor' | 'names' | 'onNavigate'>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const views = useSavedViews();
  const [creating, setCreating] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: inboxKeys.views });
  const isAdmin = me.role === 'admin' || me.role === 'owner';

  const share = useMutation({
    mutationFn: (v: SavedView) => updateView(v.id, { shared: !v.shared }),
    onSuccess: refresh,
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }),
  });
  const remove = useMutation({
    mutationFn: (v: SavedView) => deleteView(v.id),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('inbox.saved.deleted') });
      return refresh();
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }),
  });

  const addButton = (
    <Tooltip label={t('inbox.saved.create')}>
      <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('inbox.saved.create')} onClick={() => setCreating(true)} data-testid="inbox-save-view">
        <svg width={14} height={14} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden>
          <path d="M12 5v14M5 12h14" />
        </svg>
      </ActionIcon>
    </Tooltip>
  );

  return (
    <>
      <Section label={t('inbox.views.saved')} action={addButton} />
      {views.isError ? (
        <Text size="xs" c="dimmed" px={8}>
          {t('inbox.saved.unavailable')}
        </Text>
      ) : views.data?.length === 0 ? (
        <Text size="xs" c="dimmed" px={8}>
          {t('inbox.saved.empty')}
        </Text>
      ) : (
        views.data?.map((v) => {
          const viewFilters = fromSavedViewFilters(v.filters);
          return (
            <Group key={v.id} gap={0} wrap="nowrap" data-testid="inbox-saved-view">
              <NavLink
                component={Link}
                to={hrefFor(viewFilters)}
                onClick={onNavigate}
                label={v.name}
                description={v.mine ? undefined : t('inbox.saved.sharedBy', { name: v.owner.name })}
                active={sameFilters(viewFilters, filters)}
                noWrap
                py={5}
                style={{ flex: 1, minWidth: 0 }}
              />
              {(v.mine || isAdmin) && (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('inbox.saved.menu', { name: v.name })}>
                      <svg width={14} height={14} viewBox="0 0 24 24" fill="currentColor" aria-hidden>
                        <circle cx="12" cy="5" r="1.8" />
                        <circle cx="12" cy="12" r="1.8" />
                        <circle cx="12" cy="19" r="1.8" />
                      </svg>
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {v.mine && <Menu.Item onClick={() => share.mutate(v)}>{v.shared ? t('inbox.saved.unshare') : t('inbox.saved.share')}</Menu.Item>}
                    <Menu.Item
                      color="red"
                      onClick={() => {
                        if (window.confirm(t('inbox.saved.deleteConfirm', { name: v.name }))) remove.mutate(v);
                      }}
                    >
                      {t('inbox.saved.delete')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
          );
        })
      )}
      <CreateViewModal opened={creating} onClose={() => setCreating(false)} filters={filters} names={names} onCreated={refresh} />
    </>
  );
}

function CreateViewModal({ opened, onClose, filters, names, onCreated }: { opened: boolean; onClose: () => void; filters: InboxFilters; names: Names; onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const create = useMutation({
    mutationFn: () => createView({ name: name.trim(), filters: toSavedViewFilters(filters), shared }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('inbox.saved.saved') });
      onCreated();
      setName('');
      setShared(false);
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('inbox.saved.createTitle')} size="sm">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('inbox.saved.name')}
            placeholder={t('inbox.saved.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={80}
            required
            data-autofocus
          />
          <Text size="xs" c="dimmed">
            {t('inbox.saved.summary', { filters: describeFilters(filters, t, names).join(' · ') })}
          </Text>
          <Checkbox label={t('inbox.saved.shared')} description={t('inbox.saved.sharedHint')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
          {create.isError && (
            <Text size="sm" c="red" role="alert">
              {errorMessage(t, create.error)}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('inbox.saved.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              {t('inbox.saved.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
