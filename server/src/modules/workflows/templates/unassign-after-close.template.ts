import { defineTemplate } from './workflow-template.js';

/** Seed 003, "Desasignar después de que se cierre la conversación": only when an agent closes (Origen = Usuario). */
export const unassignAfterCloseTemplate = defineTemplate({
  id: 'unassign-after-close',
  name: { es: 'Desasignar al cerrar la conversación', en: 'Unassign when the conversation is closed' },
  description: {
    es: 'Cuando un agente cierra una conversación, la desasigna para que el próximo mensaje del contacto vuelva a la cola.',
    en: 'When an agent closes a conversation, unassigns it so the contact\'s next message goes back to the queue.',
  },
  definition: () => ({
    version: 1,
    trigger: { type: 'conversation_closed', sources: ['agent'] },
    steps: [{ id: 'unassign', type: 'unassign' }],
  }),
});
