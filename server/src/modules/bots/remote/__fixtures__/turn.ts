import type { BotIntent, BotTurn } from '../../bot-engine.js';

export const turn = (over: Partial<BotTurn> = {}): BotTurn => ({
  conversationId: 4711,
  text: '¿Cuánto cuesta la matrícula?',
  language: 'es',
  contact: { id: 88, name: 'Lucía Gómez', email: 'lucia@cliente.test', phone: '+573001234567' },
  history: [],
  first: false,
  ...over,
});

/** A small matrix with the kinds of figures customers ask about: an amount, a percentage, hours. */
export const matrix: BotIntent[] = [
  {
    id: 1, name: 'precios', examples: ['¿cuánto cuesta la matrícula?', 'how much is tuition?', '¿cuesta 50?'], keywords: ['precio', 'costo'],
    answer: { text: 'La matrícula cuesta $1.250.000 por semestre; pagando de contado tienes 15% de descuento.' }, handoff: false,
  },
  {
    id: 2, name: 'horarios', examples: ['¿a qué hora abren?'], keywords: ['horario'],
    answer: { text: 'Atendemos de lunes a viernes de 8:00 a 18:00.', buttons: [{ id: 'sedes', title: 'Ver 3 sedes' }] }, handoff: false,
  },
  { id: 3, name: 'hablar con un agente', examples: ['quiero hablar con una persona'], keywords: ['agente', 'asesor'], answer: { text: 'Te comunico con un asesor.' }, handoff: true },
];
