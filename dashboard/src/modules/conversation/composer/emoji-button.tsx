import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Center, Loader, Popover, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SmileIcon } from '../icons';

/**
 * The emoji picker (emoji-mart). Its code and data (~1 MB) load on first open only, with the data and
 * translations from the installed packages (nothing from a CDN). It is a web component, so it is
 * created imperatively inside a ref.
 */
export function EmojiButton({ onPick, disabled }: { onPick: (emoji: string) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="top-start" shadow="md" withinPortal trapFocus={false} returnFocus>
      <Popover.Target>
        <Tooltip label={t('conversation.composer.emoji')} withinPortal>
          <ActionIcon variant="subtle" color="gray" aria-label={t('conversation.composer.emoji')} onClick={() => setOpened((o) => !o)} disabled={disabled}>
            <SmileIcon />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        {opened && (
          <EmojiPicker
            onPick={(emoji) => {
              onPick(emoji);
              setOpened(false);
            }}
          />
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  const { t, i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'es';

  useEffect(() => {
    let cancelled = false;
    let element: HTMLElement | null = null;
    void (async () => {
      try {
        const [{ Picker }, data, translations] = await Promise.all([
          import('emoji-mart'),
          import('@emoji-mart/data').then((m) => m.default),
          language === 'en' ? import('@emoji-mart/data/i18n/en.json').then((m) => m.default) : import('@emoji-mart/data/i18n/es.json').then((m) => m.default),
        ]);
        if (cancelled || !host.current) return;
        element = new Picker({
          data,
          i18n: translations,
          locale: language,
          theme: 'light',
          previewPosition: 'none',
          skinTonePosition: 'search',
          autoFocus: true,
          onEmojiSelect: (emoji: { native?: string }) => {
            if (emoji.native) pick.current(emoji.native);
          },
        }) as unknown as HTMLElement;
        host.current.appendChild(element);
        setState('ready');
      } catch {
        if (!cancelled) setState('error');
      }
    })();
    return () => {
      cancelled = true;
      element?.remove();
    };
  }, [language]);

  return (
    <div ref={host} data-testid="emoji-picker">
      {state === 'loading' && (
        <Center w={352} h={200}>
          <Loader size="sm" />
        </Center>
      )}
      {state === 'error' && (
        <Text c="red" size="sm" p="sm">
          {t('conversation.composer.emojiFailed')}
        </Text>
      )}
    </div>
  );
}
