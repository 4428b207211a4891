import { defineTemplate } from './workflow-template.js';

/** Seed 003, "Enrutamiento de agentes": a menu question sends the contact to the right team. */
const texts = {
  es: {
    question: '¡Hola {{contact.first_name}}! ¿Con qué área deseas comunicarte?',
    invalid: 'Por favor elige una de las opciones del menú.',
    sales: 'Ventas', support: 'Soporte', admin: 'Administración',
  },
  en: {
    question: 'Hi {{contact.first_name}}! Which area would you like to talk to?',
    invalid: 'Please choose one of the menu options.',
    sales: 'Sales', support: 'Support', admin: 'Billing',
  },
};

const assignTeam = (id: string) => ({ id, type: 'assign' as const, target: { kind: 'team' as const, teamId: null } });

export const menuRoutingTemplate = defineTemplate({
  id: 'menu-routing',
  name: { es: 'Enrutamiento por menú', en: 'Routing by a menu question' },
  description: {
    es: 'Pregunta al contacto con qué área quiere hablar (ventas, soporte o administración) y asigna la conversación a ese equipo.',
    en: 'Asks the contact which area they want to talk to (sales, support or billing) and assigns the conversation to that team.',
  },
  definition: (lang) => ({
    version: 1,
    trigger: { type: 'conversation_opened', sources: ['contact'] },
    steps: [{
      id: 'ask-area',
      type: 'ask_question',
      question: texts[lang].question,
      kind: 'choice',
      choices: [
        { id: 'sales', label: texts[lang].sales, steps: [assignTeam('assign-sales')] },
        { id: 'support', label: texts[lang].support, steps: [assignTeam('assign-support')] },
        { id: 'admin', label: texts[lang].admin, steps: [assignTeam('assign-admin')] },
      ],
      saveTo: { variable: 'area' },
      retries: 2,
      invalidMessage: texts[lang].invalid,
    }],
  }),
});
