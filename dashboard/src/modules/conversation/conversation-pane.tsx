import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Box, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useElementSize, useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { ApiError } from '../../app/api-client';
import { useMe, type Me } from '../../app/auth';
import { errorMessage } from '../../app/error-message';
import { markConversationRead, type Conversation } from '../inbox/conversations.api';
import { ContactPanel } from '../contacts/contact-panel';
import type { ActionBarHandle } from './actions/action-bar';
import { useConversationAction } from './actions/use-conversation-action';
import { Composer, type ComposerHandle } from './composer/composer';
import { composerAccess, composerViewer } from './composer/composer-rules';
import type { ComposerMode } from './composer/draft-store';
import { draftStoreFor } from './composer/use-composer-draft';
import { conversationActions } from './conversation.api';
import { ConversationHeader } from './conversation-header';
import { useConversation } from './conversation-queries';
import { useOpenConversation } from './earlier-conversations';
import { Timeline, type TimelineHandle } from './timeline/timeline';
import { useConversationLive } from './use-conversation-live';
import { contactLabel, isUnnamedContact } from './pane-format';

/** Wider than this, the contact panel sits beside the conversation; narrower, it slides over it. */
const SIDE_PANEL_MIN_WIDTH = 980;
const PANEL_KEY = 'atiende.contact-panel';

function storedPanelPreference(): boolean | null {
  try {
    const v = localStorage.getItem(PANEL_KEY);
    return v === 'open' ? true : v === 'closed' ? false : null;
  } catch {
    return null;
  }
}

/** The conversation at /conversations/:conversationId: header and actions, timeline, composer and the contact panel. */
export function ConversationPane() {
  const { t } = useTranslation();
  const { conversationId } = useParams();
  const id = Number(conversationId);
  const me = useMe().data;
  if (!Number.isInteger(id) || id <= 0 || !me) {
    return (
      <Center h="100%">
        <Text c="dimmed">{t('conversation.notFound')}</Text>
      </Center>
    );
  }
  return <ConversationScreen key={id} id={id} me={me} />;
}

function ConversationScreen({ id, me }: { id: number; me: Me }) {
  const { t } = useTranslation();
  const conversation = useConversation(id);
  const location = useLocation();
  const returnTo = (location.state as { returnTo?: number } | null)?.returnTo;
  const open = useOpenConversation();

  // Opening marks it read (unread badge gone for everyone, my mentions seen); so does a new customer message while it is open.
  const lastRead = useRef(0);
  const markRead = useCallback(() => {
    lastRead.current = Date.now();
    void markConversationRead(id).catch(() => undefined);
  }, [id]);
  useEffect(() => markRead(), [markRead]);
  const readTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (readTimer.current && clearTimeout(readTimer.current)), []);
  useConversationLive(id, () => {
    if (document.visibilityState !== 'visible' || readTimer.current) return;
    readTimer.current = setTimeout(() => {
      readTimer.current = null;
      markRead();
    }, 1000);
  });

  if (conversation.isPending) {
    return (
      <Center h="100%">
        <Loader size="sm" aria-label={t('conversation.loading')} />
      </Center>
    );
  }
  if (conversation.isError) {
    const missing = conversation.error instanceof ApiError && conversation.error.status === 404;
    return (
      <Center h="100%" p="md" data-testid={missing ? 'conversation-unavailable' : 'conversation-error'}>
        <Stack align="center" gap="xs">
          <Text c={missing ? 'dimmed' : 'red'} ta="center">
            {missing ? t('conversation.notFound') : errorMessage(t, conversation.error)}
          </Text>
          {!missing && (
            <Button size="xs" variant="light" onClick={() => void conversation.refetch()}>
              {t('conversation.retryLoad')}
            </Button>
          )}
        </Stack>
      </Center>
    );
  }
  return (
    <Loaded conversation={conversation.data} me={me} returnTo={returnTo && returnTo !== id ? returnTo : undefined} onBack={(target) => open(target)} />
  );
}

function Loaded({ conversation: c, me, returnTo, onBack }: { conversation: Conversation; me: Me; returnTo?: number; onBack: (id: number) => void }) {
  const { t } = useTranslation();
  const store = draftStoreFor(me.user.id);
  const [mode, setModeState] = useState<ComposerMode>(() => store.getMode(c.id) ?? 'reply');
  const setMode = useCallback(
    (next: ComposerMode) => {
      setModeState(next);
      store.setMode(c.id, next);
    },
    [store, c.id],
  );
  const action = useConversationAction(c.id);
  const actionBar = useRef<ActionBarHandle>(null);
  const composer = useRef<ComposerHandle>(null);
  const timeline = useRef<TimelineHandle>(null);
  const { ref: rootRef, width } = useElementSize();
  // Over a narrow pane the panel opens below the header, so the conversation's actions stay at hand.
  const { ref: headerRef, height: headerHeight } = useElementSize();
  const wide = width >= SIDE_PANEL_MIN_WIDTH;
  const [panelPreference, setPanelPreference] = useState(storedPanelPreference);
  const contactOpen = panelPreference ?? wide;
  const toggleContact = (next = !contactOpen) => {
    setPanelPreference(next);
    try {
      localStorage.setItem(PANEL_KEY, next ? 'open' : 'closed');
    } catch {
      // The choice lasts for this page only.
    }
  };
  const access = composerAccess(c, composerViewer(me));

  // Shortcuts (not while typing in a field; Ctrl+/ inside the composer is handled there).
  const outsideDialogs = (fn: () => void) => (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (target?.closest('[role="dialog"], [role="menu"], [role="listbox"]')) return;
    fn();
  };
  useHotkeys([
    ['t', outsideDialogs(() => actionBar.current?.take())],
    ['c', outsideDialogs(() => actionBar.current?.openClose())],
    [
      'n',
      outsideDialogs(() => {
        setMode(mode === 'note' || !access.reply ? 'reply' : 'note');
        composer.current?.focus();
      }),
    ],
    ['mod+/', outsideDialogs(() => composer.current?.openSnippets())],
  ]);

  const panel = contactOpen && <ContactPanel contactId={c.contact.id} conversationId={c.id} onClose={() => toggleContact(false)} />;

  return (
    <Box ref={rootRef} h="100%" pos="relative" style={{ display: 'flex', minWidth: 0, overflow: 'hidden' }} data-testid="conversation-pane" aria-label={contactLabel(c.contact)}>
      <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <Box ref={headerRef}>
          <ConversationHeader conversation={c} me={me} action={action} actionBarRef={actionBar} contactOpen={contactOpen} onToggleContact={() => toggleContact()} />
        </Box>
        {returnTo && (
          <Alert color="blue" variant="light" py={4} px="sm" radius={0}>
            <Text size="xs">
              {t('conversation.history.viewing')}{' '}
              <Anchor component="button" size="xs" onClick={() => onBack(returnTo)}>
                {t('conversation.history.back', { id: returnTo })}
              </Anchor>
            </Text>
          </Alert>
        )}
        {isUnnamedContact(c.contact) && !contactOpen && (
          <Alert color="teal" variant="light" py={4} px="sm" radius={0}>
            <Text size="xs">
              {t('conversation.header.unknownContact')}{' '}
              <Anchor component="button" size="xs" onClick={() => toggleContact(true)}>
                {t('conversation.header.addToContacts')}
              </Anchor>
            </Text>
          </Alert>
        )}
        <Box style={{ flex: 1, minHeight: 0 }}>
          <Timeline conversationId={c.id} contactName={contactLabel(c.contact)} meId={me.user.id} mayDeleteAny={me.role !== 'agent'} handleRef={timeline} />
        </Box>
        <Composer
          key={c.id}
          conversation={c}
          me={me}
          mode={mode}
          onModeChange={setMode}
          handleRef={composer}
          onSent={() => timeline.current?.scrollToEnd()}
          onTakeOver={() => action.mutate({ run: () => conversationActions.take(c.id), kind: 'take', conflictMessage: t('conversation.actions.takeConflict') })}
          onReopen={() => action.mutate({ run: () => conversationActions.reopen(c.id) })}
          actionPending={action.isPending}
        />
      </Box>
      {panel &&
        (wide ? (
          <Box w={300} style={{ flexShrink: 0, borderLeft: '1px solid var(--mantine-color-gray-3)', minHeight: 0 }}>
            {panel}
          </Box>
        ) : (
          <Box
            style={{
              position: 'absolute',
              top: headerHeight,
              right: 0,
              bottom: 0,
              width: 'min(320px, 92%)',
              background: 'var(--mantine-color-body)',
              borderLeft: '1px solid var(--mantine-color-gray-3)',
              boxShadow: 'var(--mantine-shadow-lg)',
              zIndex: 30,
            }}
          >
            {panel}
          </Box>
        ))}
    </Box>
  );
}
