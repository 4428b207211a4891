import { useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { Box, Button, Group, Paper, SegmentedControl, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../app/auth';
import { errorMessage } from '../../../app/error-message';
import type { Conversation } from '../../inbox/conversations.api';
import { addNote, renderSnippet, sendReply, type Snippet } from '../conversation.api';
import { addToTimeline, useMembers } from '../conversation-queries';
import { SendIcon } from '../icons';
import { contactLabel, replyWindow } from '../pane-format';
import { AttachButton, AttachmentChips, MAX_ATTACHMENTS, useUploads } from './attachment-chips';
import { ComposerNotice } from './composer-notice';
import { useTypingNames, useTypingSender } from './use-typing';
import { TemplateReply } from '../templates/template-reply';
import { composerAccess, composerViewer } from './composer-rules';
import type { ComposerMode } from './draft-store';
import { EmojiButton } from './emoji-button';
import { ResumeBotNotice, useSnippetAction } from './snippet-action';
import { SnippetPicker } from './snippets';
import { SuggestionList } from './suggestion-list';
import { findMentions, insertMention, replaceRange } from './triggers';
import { useComposerDraft } from './use-composer-draft';
import { useComposerFiles } from './use-composer-files';
import { useComposerMenu } from './use-composer-menu';

export interface ComposerHandle {
  focus: () => void;
  /** Ctrl+/: the `/` menu in an empty composer, the snippet picker otherwise. */
  openSnippets: () => void;
}

interface ComposerProps {
  conversation: Conversation;
  me: Me;
  mode: ComposerMode;
  onModeChange: (mode: ComposerMode) => void;
  handleRef?: Ref<ComposerHandle>;
  onSent?: () => void;
  onTakeOver?: () => void;
  onReopen?: () => void;
  actionPending?: boolean;
}

/**
 * The reply box (seeds 002 and 004): Enter sends and Shift+Enter breaks the line; emoji, files (button,
 * paste, drop), `/` snippets with their variables filled in, and a private-note mode where `@` suggests
 * teammates. Drafts live per conversation and mode, so nothing typed is lost.
 */
export function Composer({ conversation, me, mode, onModeChange, handleRef, onSent, onTakeOver, onReopen, actionPending }: ComposerProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const cid = conversation.id;
  const access = composerAccess(conversation, composerViewer(me));
  const current: ComposerMode = access.reply ? mode : 'note';
  const { drafts, update, clear } = useComposerDraft(me.user.id, cid);
  const draft = drafts[current];
  const members = useMembers().data;
  const uploads = useUploads((a) => update('reply', (d) => ({ ...d, attachments: [...d.attachments, a] })));

  const textarea = useRef<HTMLTextAreaElement>(null);
  const typingNames = useTypingNames(cid, me.user.id);
  const typingSender = useTypingSender(cid);
  const [caret, setCaret] = useState(draft.text.length);
  const pendingCaret = useRef<number | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [inserting, setInserting] = useState(false);
  const snippetAction = useSnippetAction(cid);

  useLayoutEffect(() => {
    if (pendingCaret.current === null || !textarea.current) return;
    textarea.current.focus();
    textarea.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    setCaret(pendingCaret.current);
    pendingCaret.current = null;
  });

  const setText = (text: string, nextCaret?: number) => {
    update(current, (d) => ({ ...d, text }));
    if (nextCaret !== undefined) pendingCaret.current = nextCaret;
  };

  const teammates = useMemo(() => (members ?? []).filter((m) => m.active && m.id !== me.user.id), [members, me.user.id]);
  const { menu, active, setActive, loading: menuLoading, dismiss, reset: resetMenu } = useComposerMenu({ text: draft.text, caret, mode: current, teammates });

  const insertSnippet = async (snippet: Snippet, range: [number, number]) => {
    setInserting(true);
    try {
      const body = await renderSnippet(cid, snippet.id);
      const next = replaceRange(draft.text, range[0], range[1], body);
      setText(next.text, next.caret);
      snippetAction.inserted(snippet, current);
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    } finally {
      setInserting(false);
    }
  };

  const pick = (index: number) => {
    if (menu?.kind === 'slash') {
      const snippet = menu.snippets[index];
      if (snippet) void insertSnippet(snippet, [0, caret]);
    } else if (menu?.kind === 'mention') {
      const person = menu.people[index];
      if (!person) return;
      const next = insertMention(draft.text, menu.start, caret, person.name);
      setText(next.text, next.caret);
    }
  };

  const send = async () => {
    if (sending || inserting) return;
    const body = draft.text.trim();
    const attachmentIds = current === 'reply' ? draft.attachments.map((a) => a.id) : [];
    if (!body && attachmentIds.length === 0) return;
    if (current === 'reply' && uploads.busy) {
      notifications.show({ message: t('conversation.composer.waitForUploads') });
      return;
    }
    setSending(true);
    typingSender.stop();
    try {
      const message = current === 'reply' ? await sendReply(cid, body, attachmentIds) : await addNote(cid, body, findMentions(body, teammates));
      addToTimeline(queryClient, message);
      clear(current);
      setCaret(0);
      resetMenu();
      onSent?.();
      void snippetAction.sent(current);
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    } finally {
      setSending(false);
      textarea.current?.focus();
    }
  };

  const openSnippets = () => {
    if (!draft.text.trim()) {
      resetMenu();
      setText('/', 1);
    } else {
      setPickerOpen(true);
    }
  };

  useImperativeHandle(handleRef, () => ({ focus: () => textarea.current?.focus(), openSnippets }));

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key === '/') {
      e.preventDefault();
      openSnippets();
      return;
    }
    if (menu && menu.items.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const delta = e.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + delta + menu.items.length) % menu.items.length);
        return;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        e.preventDefault();
        pick(active);
        return;
      }
    }
    if (menu && e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      dismiss();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const files = useComposerFiles({
    enabled: current === 'reply',
    room: MAX_ATTACHMENTS - draft.attachments.length - uploads.pending.length,
    start: uploads.start,
  });

  const insertAtCaret = (value: string) => {
    const el = textarea.current;
    const start = el?.selectionStart ?? draft.text.length;
    const end = el?.selectionEnd ?? start;
    const next = replaceRange(draft.text, start, end, value);
    setText(next.text, next.caret);
  };

  const window24 = replyWindow(conversation.channel.type, conversation.lastInboundAt, Date.now());
  const note = current === 'note';
  const placeholder = note
    ? t('conversation.composer.notePlaceholder')
    : conversation.assignee === null
      ? t('conversation.composer.replyPlaceholderTakes', { name: contactLabel(conversation.contact) })
      : t('conversation.composer.replyPlaceholder', { name: contactLabel(conversation.contact) });
  const canSend = !sending && !inserting && (draft.text.trim().length > 0 || (current === 'reply' && draft.attachments.length > 0));

  return (
    <Box px="sm" pb="sm" pt={4} data-testid="composer">
      {typingNames.length > 0 && (
        <Text size="xs" c="dimmed" mb={4} data-testid="typing-indicator" aria-live="polite">
          {t('conversation.composer.typing', { names: typingNames.join(', '), count: typingNames.length })}
        </Text>
      )}
      <ComposerNotice access={access} onTakeOver={onTakeOver} onReopen={onReopen} pending={actionPending} />
      <TemplateReply conversation={conversation} active={!note} onSent={onSent} />
      <Paper
        withBorder
        radius="md"
        pos="relative"
        {...files.dropZone}
        style={{
          background: note ? 'var(--mantine-color-yellow-0)' : undefined,
          borderColor: files.dragging ? 'var(--mantine-color-teal-5)' : note ? 'var(--mantine-color-yellow-5)' : undefined,
          borderStyle: files.dragging ? 'dashed' : undefined,
        }}
      >
        {menu && (
          <SuggestionList
            id={`composer-${menu.kind}`}
            label={menu.kind === 'slash' ? t('conversation.composer.snippets') : t('conversation.composer.teammates')}
            items={menu.items}
            active={active}
            loading={menuLoading}
            empty={menu.kind === 'slash' ? t('conversation.composer.noSnippets') : undefined}
            onPick={pick}
            onHover={setActive}
          />
        )}
        <Group px="xs" pt={6} justify="space-between" gap="xs" wrap="wrap">
          <SegmentedControl
            size="xs"
            value={current}
            onChange={(v) => onModeChange(v as ComposerMode)}
            data={[
              { value: 'reply', label: t('conversation.composer.reply'), disabled: !access.reply },
              { value: 'note', label: t('conversation.composer.note') },
            ]}
            aria-label={t('conversation.composer.mode')}
          />
          {window24?.expired && !note && (
            <Text size="xs" c="orange.8">
              {t('conversation.composer.windowClosed')}
            </Text>
          )}
        </Group>
        <Textarea
          ref={textarea}
          variant="unstyled"
          autosize
          minRows={2}
          maxRows={8}
          px="sm"
          value={draft.text}
          placeholder={placeholder}
          aria-label={note ? t('conversation.composer.noteLabel') : t('conversation.composer.replyLabel')}
          aria-autocomplete="list"
          aria-controls={menu ? `composer-${menu.kind}` : undefined}
          aria-activedescendant={menu && menu.items.length ? `composer-${menu.kind}-${active}` : undefined}
          onChange={(e) => {
            setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
            setText(e.currentTarget.value);
            if (!e.currentTarget.value.trim()) snippetAction.cancel(current);
            if (current === 'reply') typingSender.typed();
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onKeyDown={onKeyDown}
          onPaste={files.onPaste}
          disabled={sending}
          data-testid="composer-input"
          styles={{ input: { fontSize: 'var(--mantine-font-size-sm)' } }}
        />
        {snippetAction.armed(current) && <ResumeBotNotice onCancel={() => snippetAction.cancel(current)} />}
        {current === 'reply' && (
          <AttachmentChips attachments={draft.attachments} pending={uploads.pending} onRemove={(id) => update('reply', (d) => ({ ...d, attachments: d.attachments.filter((a) => a.id !== id) }))} onDismiss={uploads.dismiss} />
        )}
        <Group justify="space-between" px="xs" pb={6} gap={4} wrap="nowrap">
          <Group gap={2} wrap="nowrap">
            <EmojiButton onPick={insertAtCaret} disabled={sending} />
            {current === 'reply' && <AttachButton onFiles={files.add} disabled={sending} />}
            <SnippetPicker
              opened={pickerOpen}
              onOpenChange={setPickerOpen}
              disabled={sending}
              onPick={(s) => {
                setPickerOpen(false);
                const el = textarea.current;
                const start = el?.selectionStart ?? draft.text.length;
                void insertSnippet(s, [start, el?.selectionEnd ?? start]);
              }}
            />
          </Group>
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Text size="xs" c="dimmed" visibleFrom="md" truncate>
              {t('conversation.composer.enterHint')}
            </Text>
            <Button
              size="xs"
              color={note ? 'yellow.7' : 'teal'}
              rightSection={<SendIcon size={14} />}
              onClick={() => void send()}
              disabled={!canSend}
              loading={sending}
              data-testid="composer-send"
            >
              {note ? t('conversation.composer.addNote') : t('conversation.composer.send')}
            </Button>
          </Group>
        </Group>
      </Paper>
    </Box>
  );
}
