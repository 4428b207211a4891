import { defineTemplate } from './workflow-template.js';

/** Seed 003, "Asignación automática para equipos de ventas": leads shared in turn among the connected sellers. */
export const salesRoundRobinTemplate = defineTemplate({
  id: 'sales-round-robin',
  name: { es: 'Asignación automática para equipos de ventas', en: 'Auto-assignment for sales teams' },
  description: {
    es: 'Reparte las conversaciones nuevas por turnos (round robin) entre los agentes conectados del equipo de ventas.',
    en: 'Shares new conversations in turn (round robin) among the sales team\'s online agents.',
  },
  definition: () => ({
    version: 1,
    trigger: { type: 'conversation_opened', sources: ['contact'] },
    steps: [{ id: 'assign-sales', type: 'assign', target: { kind: 'team', teamId: null, strategy: 'round_robin' }, onlineOnly: true }],
  }),
});
