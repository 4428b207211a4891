import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Badge, Box, Button, Center, CloseButton, Divider, Group, Loader, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import { ConversationHistoryList } from '../conversation/earlier-conversations';
import { ConversationFormPanel } from '../conversation/team-form/conversation-form-panel';
import { ConversationTransfers } from '../reports/transfers/conversation-transfers';
import { UserPlusIcon } from '../conversation/icons';
import { contactLabel, isUnnamedContact } from '../conversation/pane-format';
import { TagEditor } from '../conversation/tag-editor';
import { parseFieldInput, type ContactDetail, type ContactField, type CustomFieldValue } from './contacts.api';
import { InlineCheckboxField, InlineSelectField, InlineTextField } from './inline-field';
import { useContact, useContactFields, useContactLive, useContactWrites } from './use-contact';

const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());
const commonLanguages = ['es', 'en', 'pt', 'fr', 'it', 'de'];

interface ContactPanelProps {
  contactId: number;
  conversationId: number;
  onClose: () => void;
}

/** The contact beside the conversation: details and custom fields edited in place, tags, channels, previous conversations. */
export function ContactPanel({ contactId, conversationId, onClose }: ContactPanelProps) {
  const { t } = useTranslation();
  const contact = useContact(contactId);
  useContactLive(contactId);
  return (
    <Stack gap={0} h="100%" data-testid="contact-panel">
      <Group justify="space-between" px="sm" py={8} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Title order={6}>{t('contacts.panel.title')}</Title>
        <CloseButton size="sm" onClick={onClose} aria-label={t('contacts.panel.close')} />
      </Group>
      {contact.isPending ? (
        <Center py="lg">
          <Loader size="sm" />
        </Center>
      ) : contact.isError ? (
        <Text c="red" size="sm" p="sm">
          {errorMessage(t, contact.error)}
        </Text>
      ) : (
        <ScrollArea style={{ flex: 1 }} type="auto">
          <ContactDetails contact={contact.data} conversationId={conversationId} />
        </ScrollArea>
      )}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box px="sm" py="xs">
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={6}>
        {title}
      </Text>
      {children}
    </Box>
  );
}

function ContactDetails({ contact, conversationId }: { contact: ContactDetail; conversationId: number }) {
  const { t, i18n } = useTranslation();
  const writes = useContactWrites(contact.id);
  const fields = useContactFields();
  const unknown = isUnnamedContact(contact);
  const languageNames = useMemo(() => {
    try {
      return new Intl.DisplayNames([i18n.resolvedLanguage ?? 'es'], { type: 'language' });
    } catch {
      return null;
    }
  }, [i18n.resolvedLanguage]);
  const languageOptions = commonLanguages.map((code) => ({ value: code, label: languageNames?.of(code) ?? code }));
  const nullable = (v: string) => (v.trim() ? v.trim() : null);

  return (
    <Stack gap={0} pb="md">
      <Box px="sm" pt="sm">
        <Text fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
          {contactLabel(contact)}
        </Text>
        {unknown && (
          <Badge size="xs" color="orange" variant="light">
            {t('contacts.panel.notInContacts')}
          </Badge>
        )}
      </Box>
      {unknown && <AddToContacts contact={contact} onSave={(patch) => writes.update(patch)} />}
      {/* The team's form (seed 004): the conversation's owner fills it; closing asks for the required fields. */}
      <ConversationFormPanel conversationId={conversationId} />
      <Divider mx="sm" />
      <Section title={t('contacts.panel.details')}>
        <Stack gap={8}>
          {!unknown && <InlineTextField label={t('contacts.fields.name')} value={contact.name} onSave={(v) => writes.update({ name: v })} validate={(v) => (v.trim() ? null : t('contacts.required'))} testId="contact-name" />}
          <InlineTextField label={t('contacts.fields.phone')} type="tel" value={contact.phone ?? ''} onSave={(v) => writes.update({ phone: nullable(v) })} testId="contact-phone" />
          <InlineTextField
            label={t('contacts.fields.email')}
            type="email"
            value={contact.email ?? ''}
            onSave={(v) => writes.update({ email: nullable(v) })}
            validate={(v) => (!v.trim() || looksLikeEmail(v) ? null : t('validation.email'))}
            testId="contact-email"
          />
          <InlineTextField label={t('contacts.fields.documentNumber')} value={contact.documentNumber ?? ''} onSave={(v) => writes.update({ documentNumber: nullable(v) })} testId="contact-document" />
          <InlineSelectField label={t('contacts.fields.language')} value={contact.language} options={languageOptions} onSave={(v) => writes.update({ language: v })} testId="contact-language" />
        </Stack>
      </Section>
      {/* Until the definitions arrive, stored values would show under their raw keys. */}
      {!fields.isPending && <CustomFields contact={contact} definitions={fields.data ?? []} onSave={(key, value) => writes.update({ customFields: { [key]: value } })} />}
      <Divider mx="sm" />
      <Section title={t('contacts.panel.tags')}>
        <TagEditor
          label={t('contacts.panel.tags')}
          tags={contact.tags}
          onAdd={(tag) => void writes.addTag(tag).catch((err: Error) => notifications.show({ color: 'red', message: err.message }))}
          onRemove={(tag) => void writes.removeTag(tag).catch((err: Error) => notifications.show({ color: 'red', message: err.message }))}
        />
      </Section>
      <Section title={t('contacts.panel.channels')}>
        {contact.identities.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('contacts.panel.noChannels')}
          </Text>
        ) : (
          <Stack gap={4}>
            {contact.identities.map((identity) => (
              <Group key={identity.id} gap={6} wrap="nowrap">
                <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
                  {identity.channelType}
                </Badge>
                <Text size="xs" truncate title={identity.externalId}>
                  {identity.externalId}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Section>
      <Box px="sm" py="xs">
        <ConversationTransfers conversationId={conversationId} />
      </Box>
      <Section title={t('contacts.panel.previousConversations')}>
        <ConversationHistoryList contactId={contact.id} currentId={conversationId} />
      </Section>
    </Stack>
  );
}

function CustomFields({ contact, definitions, onSave }: { contact: ContactDetail; definitions: ContactField[]; onSave: (key: string, value: CustomFieldValue | null) => Promise<unknown> }) {
  const { t } = useTranslation();
  const defined = new Set(definitions.map((d) => d.key));
  const extra = Object.keys(contact.customFields).filter((k) => !defined.has(k));
  if (!definitions.length && !extra.length) return null;
  const text = (v: CustomFieldValue | undefined) => (v === undefined ? '' : String(v));
  return (
    <Section title={t('contacts.panel.customFields')}>
      <Stack gap={8}>
        {definitions.map((def) => {
          const value = contact.customFields[def.key];
          const testId = `custom-field-${def.key}`;
          if (def.type === 'checkbox') {
            return <InlineCheckboxField key={def.id} label={def.label} required={def.required} value={value === true} onSave={(v) => onSave(def.key, v)} testId={testId} />;
          }
          if (def.type === 'select') {
            return (
              <InlineSelectField
                key={def.id}
                label={def.label}
                required={def.required}
                value={typeof value === 'string' ? value : null}
                options={def.options.map((o) => ({ value: o, label: o }))}
                onSave={(v) => onSave(def.key, v)}
                testId={testId}
              />
            );
          }
          return (
            <InlineTextField
              key={def.id}
              label={def.label}
              required={def.required}
              type={def.type === 'number' ? 'number' : def.type === 'date' ? 'date' : 'text'}
              value={text(value)}
              display={def.type === 'date' && typeof value === 'string' ? <DateValue iso={value} /> : undefined}
              validate={(raw) => {
                const parsed = parseFieldInput(def.type, raw);
                if (parsed === undefined) return t('contacts.invalidValue');
                if (parsed === null && def.required) return t('contacts.required');
                return null;
              }}
              onSave={(raw) => onSave(def.key, parseFieldInput(def.type, raw) ?? null)}
              testId={testId}
            />
          );
        })}
        {extra.map((key) => (
          <InlineTextField key={key} label={key} value={text(contact.customFields[key])} onSave={(raw) => onSave(key, raw.trim() ? raw.trim() : null)} testId={`custom-field-${key}`} />
        ))}
      </Stack>
    </Section>
  );
}

function DateValue({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  const date = new Date(`${iso}T00:00:00`);
  if (Number.isNaN(date.getTime())) return <>{iso}</>;
  return <>{new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'es', { dateStyle: 'long' }).format(date)}</>;
}

/** Seed 004: a number that is not a contact yet can be named (and given an e-mail) in one step. */
function AddToContacts({ contact, onSave }: { contact: ContactDetail; onSave: (patch: { name: string; email?: string }) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState(contact.email ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('contacts.required'));
      return;
    }
    if (email.trim() && !looksLikeEmail(email)) {
      setError(t('validation.email'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSave({ name: name.trim(), ...(email.trim() && email.trim() !== contact.email ? { email: email.trim() } : {}) });
      notifications.show({ color: 'teal', message: t('contacts.add.done', { name: name.trim() }) });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Box px="sm" pt="xs">
      <Alert variant="light" color="teal" p="xs" icon={<UserPlusIcon size={16} />} title={t('contacts.add.title')}>
        <form onSubmit={submit} data-testid="add-to-contacts">
          <Stack gap={6}>
            <Text size="xs">{t('contacts.add.intro', { number: contact.phone ?? contact.email ?? `#${contact.id}` })}</Text>
            <TextInput size="xs" label={t('contacts.fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={200} />
            <TextInput size="xs" type="email" label={t('contacts.fields.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            {error && (
              <Text size="xs" c="red">
                {error}
              </Text>
            )}
            <Button type="submit" size="xs" loading={saving}>
              {t('contacts.add.submit')}
            </Button>
          </Stack>
        </form>
      </Alert>
    </Box>
  );
}
