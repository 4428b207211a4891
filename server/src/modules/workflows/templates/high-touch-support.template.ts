import { defineTemplate } from './workflow-template.js';

/** Seed 003, "Asignación automática para equipos de soporte alto": few cases per agent, and a supervisor alerted when it waits. */
const texts = {
  es: { note: 'Nadie tomó la conversación de {{contact.name}} en 10 minutos: revisa la carga del equipo.' },
  en: { note: 'Nobody took {{contact.name}}\'s conversation within 10 minutes: check the team\'s load.' },
};

export const highTouchSupportTemplate = defineTemplate({
  id: 'high-touch-support',
  name: { es: 'Asignación automática para soporte personalizado', en: 'Auto-assignment for high-touch support' },
  description: {
    es: 'Asigna al agente conectado menos ocupado, con un máximo de 3 conversaciones abiertas; si en 10 minutos nadie la toma, deja una nota para el supervisor.',
    en: 'Assigns to the least busy online agent, with at most 3 open conversations; if nobody takes it within 10 minutes, leaves a note for the supervisor.',
  },
  definition: (lang) => ({
    version: 1,
    trigger: { type: 'conversation_opened', sources: ['contact'] },
    steps: [{
      id: 'assign-least-busy',
      type: 'assign',
      target: { kind: 'team', teamId: null, strategy: 'least_busy' },
      onlineOnly: true,
      maxOpenConversations: 3,
      queueWhenNobody: true,
      timeoutMinutes: 10,
      onTimeout: [{ id: 'alert-supervisor', type: 'add_note', text: texts[lang].note }],
    }],
  }),
});
