import { defineTemplate } from './workflow-template.js';

/** Seed 003, "Mensaje de agente asignado": once someone takes the conversation, the contact learns who. */
const texts = {
  es: { message: '¡Hola {{contact.first_name}}! Ahora estás hablando con {{agent.name}}, quien te atenderá.' },
  en: { message: 'Hi {{contact.first_name}}! You are now talking to {{agent.name}}, who will help you.' },
};

export const agentAssignedMessageTemplate = defineTemplate({
  id: 'agent-assigned-message',
  name: { es: 'Mensaje de agente asignado', en: 'Agent assigned message' },
  description: {
    es: 'Asigna la conversación al equipo y, cuando un agente la toma, le dice al contacto con quién está hablando.',
    en: 'Assigns the conversation to the team and, once an agent has it, tells the contact who they are talking to.',
  },
  definition: (lang) => ({
    version: 1,
    trigger: { type: 'conversation_opened', sources: ['contact'] },
    steps: [
      {
        id: 'assign-team',
        type: 'assign',
        target: { kind: 'team', teamId: null, strategy: 'round_robin' },
        queueWhenNobody: true,
        // Without an agent the message would name nobody: it is sent only once someone has the conversation.
        timeoutMinutes: 60,
        onTimeout: [{ id: 'nobody-took-it', type: 'end' }],
      },
      { id: 'introduce-agent', type: 'send_message', message: { kind: 'text', text: texts[lang].message } },
    ],
  }),
});
