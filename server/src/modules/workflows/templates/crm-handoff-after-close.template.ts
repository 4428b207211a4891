import { defineTemplate } from './workflow-template.js';
import { CRM_TEXTS, crmHandoffSteps } from './crm-handoff-steps.js';

/** Seed 000: "1 hora después de que se terminen conversaciones con eventos de bienvenida …". */
export const crmHandoffAfterCloseTemplate = defineTemplate({
  id: 'crm-handoff-after-close',
  group: 'crm-handoff',
  name: { es: 'Ingreso a CRM: 1 hora después del cierre', en: 'CRM hand-off: one hour after closing' },
  description: {
    es: `Una hora después de cerrarse una conversación con evento de bienvenida (etiqueta «${CRM_TEXTS.es.welcomeTag}»), etiqueta al contacto «${CRM_TEXTS.es.leadTag}», le pide los datos de contacto que falten (reabriendo la conversación para preguntar), lo carga al CRM y vuelve a cerrarla.`,
    en: `One hour after a conversation with a welcome event (tag "${CRM_TEXTS.en.welcomeTag}") closes, tags the contact "${CRM_TEXTS.en.leadTag}", asks for any missing contact data (reopening the conversation to ask), uploads the contact to the CRM and closes it again.`,
  },
  definition: (lang) => ({
    version: 1,
    trigger: { type: 'conversation_closed' },
    steps: [
      { id: 'wait-an-hour', type: 'wait', duration: { amount: 1, unit: 'hours' } },
      {
        id: 'had-welcome',
        type: 'branch',
        branches: [{
          id: 'with-welcome',
          name: CRM_TEXTS[lang].welcomeTag,
          conditions: [{ kind: 'tag', scope: 'conversation', operator: 'is', value: CRM_TEXTS[lang].welcomeTag }],
          steps: crmHandoffSteps(lang, 'after_close'),
        }],
      },
    ],
  }),
});
