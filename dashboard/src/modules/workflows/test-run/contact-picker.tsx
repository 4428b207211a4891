import { useState } from 'react';
import { Loader, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api-client';
import type { Contact } from '../../contacts/contacts.api';
import { useContactConversations } from '../../conversation/conversation-queries';

function useContactSearch(q: string) {
  return useQuery({
    queryKey: ['workflows', 'contact-search', q],
    queryFn: async ({ signal }) => (await api<{ items: Contact[] }>('/contacts', { query: { q, limit: 10 }, signal })).items,
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}

const contactLine = (c: Contact) => [c.name, c.phone, c.email].filter(Boolean).join(' · ');

export interface TestTarget {
  contact: Contact | null;
  conversationId: number | null;
}

/** Search a contact (name, phone, e-mail, document) and optionally pick one of their conversations. */
export function ContactPicker({ value, onChange }: { value: TestTarget; onChange: (v: TestTarget) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 250);
  const contacts = useContactSearch(q);
  const conversations = useContactConversations(value.contact?.id);
  return (
    <Stack gap="sm">
      <TextInput label={t('workflows.test.searchContact')} placeholder={t('workflows.test.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} rightSection={contacts.isFetching ? <Loader size="xs" /> : null} data-autofocus />
      {q && contacts.data && !contacts.data.length && (
        <Text size="sm" c="dimmed">
          {t('common.nothingFound')}
        </Text>
      )}
      {contacts.data && contacts.data.length > 0 && (
        <Radio.Group
          value={value.contact ? String(value.contact.id) : null}
          onChange={(id) => onChange({ contact: contacts.data!.find((c) => String(c.id) === id) ?? null, conversationId: null })}
          label={t('workflows.test.contact')}
        >
          <Stack gap={4} mt={4}>
            {contacts.data.map((c) => (
              <Radio key={c.id} value={String(c.id)} label={contactLine(c)} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {value.contact && (
        <Select
          label={t('workflows.test.conversation')}
          description={t('workflows.test.conversationHint')}
          placeholder={t('workflows.test.noConversation')}
          clearable
          data={(conversations.data?.items ?? []).map((c) => ({ value: String(c.id), label: `#${c.id} · ${c.channel.name} · ${t(`workflows.test.conversationStatus.${c.status}`)}` }))}
          value={value.conversationId ? String(value.conversationId) : null}
          onChange={(v) => onChange({ ...value, conversationId: v ? Number(v) : null })}
        />
      )}
    </Stack>
  );
}
