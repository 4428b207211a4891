import type { TemplateLanguage } from '../workflows.schemas.js';
import type { DefinitionInput } from './workflow-template.js';

type StepInput = NonNullable<DefinitionInput['steps']>[number];

/**
 * Seed 000, "INGRESO A CRM": the hand-off the three CRM templates share. It asks only for the contact data that is
 * missing, posts the contact to the CRM and keeps the CRM's id; when the upload fails, the contact is tagged as pending
 * and a note in the conversation tells the team to upload it by hand (snippet and survey).
 */
export const CRM_TEXTS = {
  es: {
    leadTag: 'admision y ventas',
    welcomeTag: 'bienvenida',
    pendingTag: 'crm pendiente',
    manualField: 'subir_a_crm_manualmente',
    yes: 'sí',
    askPhone: '{{contact.first_name}}, para que un asesor de admisión te contacte, ¿nos indicas tu número de teléfono?',
    invalidPhone: 'Ese número no parece válido; escríbelo con el código de país, por ejemplo +58 412 1234567.',
    askEmail: '¿Y tu correo electrónico? Así te enviamos la información de los cursos.',
    invalidEmail: 'Ese correo no parece válido, ¿puedes revisarlo?',
    failedNote: 'La carga al CRM de {{contact.name}} falló: súbelo a mano con el snippet y la encuesta.',
    missingPhone: 'Sin teléfono',
    missingEmail: 'Sin correo',
  },
  en: {
    leadTag: 'admissions and sales',
    welcomeTag: 'welcome',
    pendingTag: 'crm pending',
    manualField: 'upload_to_crm_manually',
    yes: 'yes',
    askPhone: '{{contact.first_name}}, so that an admissions advisor can contact you, could you give us your phone number?',
    invalidPhone: 'That number does not look right; write it with the country code, for example +1 555 123 4567.',
    askEmail: 'And your email address? We will send you the course information.',
    invalidEmail: 'That email address does not look right, could you check it?',
    failedNote: 'Uploading {{contact.name}} to the CRM failed: upload it by hand with the snippet and the survey.',
    missingPhone: 'No phone',
    missingEmail: 'No email',
  },
} as const;

/**
 * How the hand-off starts. After a conversation closes, the run has that conversation: it tags the contact itself and
 * closes the conversation again once the contact is in the CRM. Started by the tag, the run talks to the contact in
 * their latest conversation. Set by an agent, the field uploads at once, without asking. Questions reopen a closed
 * conversation first: a closed one takes no messages, and an answer after the reopen window would start a new one.
 */
export type HandoffStart = 'after_close' | 'tag_added' | 'field_set';

/** A question for a missing built-in field, asked only when the contact lacks it; a day without an answer leaves it pending. */
function askIfMissing(lang: TemplateLanguage, field: 'phone' | 'email'): StepInput {
  const t = CRM_TEXTS[lang];
  return {
    id: `missing-${field}`,
    type: 'branch',
    branches: [{
      id: `no-${field}`,
      name: field === 'phone' ? t.missingPhone : t.missingEmail,
      conditions: [{ kind: 'contact_field', field, operator: 'not_exists' }],
      steps: [
        { id: `reopen-to-ask-${field}`, type: 'open_conversation' },
        {
          id: `ask-${field}`,
          type: 'ask_question',
          question: field === 'phone' ? t.askPhone : t.askEmail,
          kind: field,
          saveTo: { contactField: field },
          retries: 2,
          invalidMessage: field === 'phone' ? t.invalidPhone : t.invalidEmail,
          timeoutMinutes: 1440,
          onTimeout: [
            { id: `pending-no-${field}`, type: 'add_tags', tags: [t.pendingTag] },
            { id: `end-no-${field}`, type: 'end' },
          ],
        },
      ],
    }],
  };
}

export function crmHandoffSteps(lang: TemplateLanguage, start: HandoffStart): StepInput[] {
  const t = CRM_TEXTS[lang];
  const afterClose = start === 'after_close';
  return [
    ...(afterClose ? [{ id: 'tag-lead', type: 'add_tags' as const, tags: [t.leadTag] }] : []),
    ...(start === 'field_set' ? [] : [askIfMissing(lang, 'phone'), askIfMissing(lang, 'email')]),
    {
      id: 'upload-to-crm',
      type: 'http_request',
      method: 'POST',
      url: 'https://crm.example.com/api/leads',
      // The CRM's key is the workspace's own: the editor asks for it before publishing.
      headers: [{ name: 'Authorization', value: '' }],
      body: {
        name: '{{contact.name}}',
        phone: '{{contact.phone}}',
        email: '{{contact.email}}',
        conversation: '{{conversation.id}}',
        tags: '{{contact.tags}}',
      },
      saveResponse: [{ path: 'data.id', variable: 'crm_id' }],
      onFailure: [
        // The contact is marked first: the note needs a conversation, which a contact added by hand may not have.
        { id: 'tag-pending', type: 'add_tags', tags: [t.pendingTag] },
        { id: 'note-upload-failed', type: 'add_note', text: t.failedNote },
        { id: 'end-upload-failed', type: 'end' },
      ],
    },
    { id: 'save-crm-id', type: 'update_contact_field', field: 'crm_id', value: '{{crm_id}}' },
    // Back as the agent left it (a conversation the questions did not reopen is still closed: nothing changes).
    ...(afterClose ? [{ id: 'close-again', type: 'close_conversation' as const }] : []),
  ];
}
