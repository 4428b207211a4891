import { defineTemplate } from './workflow-template.js';

/** Seed 003, "Asignar a un agente": every new conversation to one dedicated agent (chosen in the editor). */
export const assignToAgentTemplate = defineTemplate({
  id: 'assign-to-agent',
  name: { es: 'Asignar a un agente', en: 'Assign to an agent' },
  description: {
    es: 'Cada conversación que abre un contacto se asigna a un agente dedicado; si no está conectado, espera en la cola.',
    en: 'Every conversation a contact opens goes to one dedicated agent; when they are offline it waits in the queue.',
  },
  definition: () => ({
    version: 1,
    trigger: { type: 'conversation_opened', sources: ['contact'] },
    steps: [{ id: 'assign-agent', type: 'assign', target: { kind: 'agent', userId: null } }],
  }),
});
