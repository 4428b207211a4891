import { defineTemplate } from './workflow-template.js';

/** Seed 003, "Mensajes de fuera de horario". */
const texts = {
  es: {
    branch: 'Fuera de horario',
    message: '¡Hola {{contact.first_name}}! Gracias por escribir a {{workspace.name}}. En este momento estamos fuera de nuestro horario de atención; te responderemos apenas abramos.',
    tag: 'fuera de horario',
  },
  en: {
    branch: 'Out of hours',
    message: 'Hi {{contact.first_name}}! Thanks for writing to {{workspace.name}}. We are outside our business hours right now; we will answer as soon as we open.',
    tag: 'out of hours',
  },
};

export const outOfHoursTemplate = defineTemplate({
  id: 'out-of-hours',
  name: { es: 'Mensaje de fuera de horario', en: 'Out-of-hours message' },
  description: {
    es: 'Cuando un contacto escribe fuera del horario de atención, le avisa que le responderán al abrir y etiqueta la conversación.',
    en: 'When a contact writes outside business hours, tells them the reply comes when you open and tags the conversation.',
  },
  definition: (lang) => ({
    version: 1,
    trigger: { type: 'conversation_opened', sources: ['contact'] },
    steps: [{
      id: 'business-hours',
      type: 'branch',
      branches: [{
        id: 'closed',
        name: texts[lang].branch,
        conditions: [{ kind: 'business_hours', operator: 'is', value: 'closed' }],
        steps: [
          { id: 'away-message', type: 'send_message', message: { kind: 'text', text: texts[lang].message } },
          { id: 'tag-out-of-hours', type: 'add_tags', tags: [texts[lang].tag], scope: 'conversation' },
        ],
      }],
    }],
  }),
});
