import { defineTemplate } from './workflow-template.js';

/** Seed 003, "Mensaje de agentes al máximo de capacidad": when every agent is full, the contact knows they wait. */
const texts = {
  es: { message: 'Hola {{contact.first_name}}, en este momento todos nuestros agentes están atendiendo otras conversaciones. Te responderemos en cuanto uno se libere.' },
  en: { message: 'Hi {{contact.first_name}}, all our agents are busy with other conversations right now. We will answer as soon as one is free.' },
};

export const agentsAtCapacityTemplate = defineTemplate({
  id: 'agents-at-capacity',
  name: { es: 'Mensaje de agentes al máximo de capacidad', en: 'All agents at capacity message' },
  description: {
    es: 'Intenta asignar a un agente conectado con menos de 5 conversaciones abiertas; si todos están al máximo, avisa al contacto que debe esperar.',
    en: 'Tries to assign an online agent with fewer than 5 open conversations; when all are at capacity, tells the contact to wait.',
  },
  definition: (lang) => ({
    version: 1,
    trigger: { type: 'conversation_opened', sources: ['contact'] },
    steps: [{
      id: 'assign-with-capacity',
      type: 'assign',
      target: { kind: 'team', teamId: null, strategy: 'round_robin' },
      onlineOnly: true,
      maxOpenConversations: 5,
      // Nobody under the limit: the timeout branch runs at once.
      queueWhenNobody: false,
      onTimeout: [{ id: 'at-capacity-message', type: 'send_message', message: { kind: 'text', text: texts[lang].message } }],
    }],
  }),
});
