import { defineTemplate } from './workflow-template.js';

/** Seed 000, "Cerrar conversación": the standard farewell, the bot back on for future questions, then close. */
const texts = {
  es: {
    shortcut: 'Cerrar y activar el bot',
    farewell: 'Estimado(a) {{contact.first_name}}, para {{workspace.name}} a través de nuestros agentes de soporte fue un placer ayudarle a resolver su situación.',
  },
  en: {
    shortcut: 'Close and turn the bot on',
    farewell: 'Dear {{contact.first_name}}, it was a pleasure for {{workspace.name}} and our support agents to help you resolve your issue.',
  },
};

export const closeAndResumeBotTemplate = defineTemplate({
  id: 'close-and-resume-bot',
  name: { es: 'Cerrar conversación y prender el bot', en: 'Close conversation and turn the bot on' },
  description: {
    es: 'Un atajo para el agente: envía la despedida estándar, reactiva el bot para las próximas consultas y cierra la conversación.',
    en: 'An agent shortcut: sends the standard farewell, turns the bot back on for future questions and closes the conversation.',
  },
  definition: (lang) => ({
    version: 1,
    trigger: { type: 'shortcut', name: texts[lang].shortcut },
    steps: [
      { id: 'farewell', type: 'send_message', message: { kind: 'text', text: texts[lang].farewell } },
      { id: 'resume-bot', type: 'resume_bot' },
      { id: 'close', type: 'close_conversation' },
    ],
  }),
});
