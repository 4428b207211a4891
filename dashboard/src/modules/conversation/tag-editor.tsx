import { useMemo, useState, type KeyboardEvent } from 'react';
import { ActionIcon, Badge, CloseButton, Group, Popover, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Tag } from './conversation.api';
import { useTags } from './conversation-queries';
import { normalize } from './composer/triggers';
import { TagIcon } from './icons';

interface TagEditorProps {
  tags: string[];
  onAdd: (tag: string) => void;
  onRemove: (tag: string) => void;
  disabled?: boolean;
  /** For tests and screen readers: what these tags belong to. */
  label: string;
}

/** Tags as coloured badges with ×, and a + that suggests the workspace's tags as you type (new ones allowed). */
export function TagEditor({ tags, onAdd, onRemove, disabled, label }: TagEditorProps) {
  const { t } = useTranslation();
  const catalogue = useTags().data;
  const colors = useMemo(() => new Map((catalogue ?? []).map((tag) => [tag.name.toLowerCase(), tag.color])), [catalogue]);
  return (
    <Group gap={4} wrap="wrap" aria-label={label}>
      {tags.map((tag) => (
        <Badge
          key={tag}
          variant="light"
          radius="sm"
          color={colors.get(tag.toLowerCase()) ?? 'gray'}
          rightSection={disabled ? null : <CloseButton size="xs" onClick={() => onRemove(tag)} aria-label={t('conversation.tags.remove', { tag })} />}
          styles={{ label: { textTransform: 'none' } }}
        >
          {tag}
        </Badge>
      ))}
      {!disabled && <AddTag existing={tags} catalogue={catalogue ?? []} onAdd={onAdd} />}
    </Group>
  );
}

function AddTag({ existing, catalogue, onAdd }: { existing: string[]; catalogue: Tag[]; onAdd: (tag: string) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const have = new Set(existing.map((x) => x.toLowerCase()));
  const q = normalize(query.trim());
  const suggestions = catalogue.filter((tag) => !have.has(tag.name.toLowerCase()) && (!q || normalize(tag.name).includes(q))).slice(0, 8);
  const exact = catalogue.some((tag) => tag.name.toLowerCase() === query.trim().toLowerCase());
  const options = [...suggestions.map((s) => s.name), ...(query.trim() && !exact && !have.has(query.trim().toLowerCase()) ? [query.trim()] : [])];
  const add = (tag: string) => {
    onAdd(tag);
    setQuery('');
    setActive(0);
    setOpened(false);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const tag = options[active];
      if (tag) add(tag);
    }
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" width={240} shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <ActionIcon size="sm" variant="subtle" color="gray" onClick={() => setOpened((o) => !o)} aria-label={t('conversation.tags.add')}>
          <TagIcon size={14} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <TextInput
          size="xs"
          placeholder={t('conversation.tags.placeholder')}
          aria-label={t('conversation.tags.add')}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          maxLength={50}
          data-autofocus
        />
        <Stack gap={0} mt={4} role="listbox" aria-label={t('conversation.tags.suggestions')}>
          {options.map((tag, i) => (
            <UnstyledButton
              key={tag}
              role="option"
              aria-selected={i === active}
              onClick={() => add(tag)}
              onMouseEnter={() => setActive(i)}
              px="xs"
              py={4}
              style={{ borderRadius: 4, background: i === active ? 'var(--mantine-color-teal-light)' : undefined }}
            >
              <Text size="sm" truncate>
                {suggestions.some((s) => s.name === tag) ? tag : t('conversation.tags.create', { tag })}
              </Text>
            </UnstyledButton>
          ))}
          {options.length === 0 && (
            <Text size="xs" c="dimmed" p="xs">
              {t('conversation.tags.none')}
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
