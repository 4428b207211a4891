import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, invalidFields } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import { useRealtimeEvent } from '../../app/realtime/realtime-provider';
import { conversationKeys } from '../inbox/conversations.api';
import { paneKeys } from '../conversation/conversation.api';
import { addContactTags, contactKeys, getContact, listContactFields, removeContactTag, updateContact, type Contact, type ContactDetail, type ContactPatch } from './contacts.api';

export function useContact(contactId: number) {
  return useQuery({ queryKey: contactKeys.detail(contactId), queryFn: ({ signal }) => getContact(contactId, signal), enabled: contactId > 0 });
}

export function useContactFields() {
  return useQuery({ queryKey: contactKeys.fields, queryFn: ({ signal }) => listContactFields(signal), staleTime: 5 * 60_000 });
}

/**
 * Writes to a contact. Each answers the saved contact (kept with its identities in the cache); a name,
 * phone or e-mail change also refreshes the conversations that show it. Failures reject with a
 * message for the person (a field the server refused is named as invalid).
 */
export function useContactWrites(contactId: number) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const store = (contact: Contact, labelChanged: boolean) => {
    queryClient.setQueryData<ContactDetail>(contactKeys.detail(contactId), (old) => (old ? { ...old, ...contact } : old));
    if (labelChanged) {
      void queryClient.invalidateQueries({ queryKey: conversationKeys.details() });
      void queryClient.invalidateQueries({ queryKey: conversationKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: paneKeys.history(contactId) });
    }
  };
  const friendly = (err: unknown): Error => {
    if (err instanceof ApiError && invalidFields(err).length) return new Error(t('contacts.invalidValue'));
    return new Error(errorMessage(t, err));
  };
  const run = async (call: () => Promise<Contact>, labelChanged = false) => {
    try {
      const contact = await call();
      store(contact, labelChanged);
      return contact;
    } catch (err) {
      throw friendly(err);
    }
  };
  return {
    update: (patch: ContactPatch) => run(() => updateContact(contactId, patch), 'name' in patch || 'phone' in patch || 'email' in patch),
    addTag: (tag: string) => run(() => addContactTags(contactId, [tag])),
    removeTag: (tag: string) => run(() => removeContactTag(contactId, tag)),
  };
}

/** Another agent's edit shows at once (`contact.updated` carries the contact). */
export function useContactLive(contactId: number) {
  const queryClient = useQueryClient();
  useRealtimeEvent((event) => {
    if (event.type !== 'contact.updated') return;
    const contact = (event.payload as { contact?: Contact }).contact;
    if (contact?.id !== contactId) return;
    queryClient.setQueryData<ContactDetail>(contactKeys.detail(contactId), (old) => (old ? { ...old, ...contact } : old));
  });
}
