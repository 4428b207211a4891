import { defineTemplate } from './workflow-template.js';

/** Seed 003, "Asignación automática para equipos de soporte": in turn, but nobody past ten open cases. */
export const supportAutoAssignTemplate = defineTemplate({
  id: 'support-auto-assign',
  name: { es: 'Asignación automática para equipos de soporte', en: 'Auto-assignment for support teams' },
  description: {
    es: 'Asigna por turnos a los agentes conectados de soporte con menos de 10 conversaciones abiertas; si ninguno puede, la conversación espera en la cola del equipo.',
    en: 'Assigns in turn to online support agents with fewer than 10 open conversations; when none can take it, it waits in the team\'s queue.',
  },
  definition: () => ({
    version: 1,
    trigger: { type: 'conversation_opened', sources: ['contact'] },
    steps: [{
      id: 'assign-support',
      type: 'assign',
      target: { kind: 'team', teamId: null, strategy: 'round_robin' },
      onlineOnly: true,
      maxOpenConversations: 10,
      queueWhenNobody: true,
    }],
  }),
});
