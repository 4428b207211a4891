import type { BotIntent, BotTurn } from '../bot-engine.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * The system prompt, in Spanish (most customers and admins write Spanish; the models follow it in English too).
 * It must mention JSON: OpenAI refuses `response_format: json_object` when no message does.
 */
export function systemPrompt(instructions: string, matrix: BotIntent[], language?: string): string {
  return [
    'Eres el asistente virtual de atención al cliente de esta empresa. Respondes mensajes de clientes por chat.',
    instructions.trim() ? `\nInstrucciones del canal:\n${instructions.trim()}` : '',
    '\nMatriz de conocimientos (la ÚNICA fuente de información que puedes usar):',
    matrix.length ? matrix.map(describeIntent).join('\n') : '(vacía)',
    '\nReglas:',
    '- Responde solo con información de la matriz. Nunca inventes precios, montos, fechas, horarios, números, enlaces ni datos que no estén en ella.',
    '- Copia las cifras tal como aparecen en la matriz.',
    '- Responde en el idioma del cliente (español o inglés), de forma breve y amable.',
    '- Si la matriz no cubre la pregunta o no estás seguro de la respuesta, pon "confident": false.',
    '- Si el cliente pide hablar con una persona (agente, asesor, humano) o su pregunta corresponde a una intención marcada "pasa a una persona", pon "handoff": true.',
    language ? `- Idioma del cliente: ${language}.` : '',
    '\nResponde ÚNICAMENTE con un objeto JSON, sin texto alrededor:',
    '{"answer": "<tu respuesta al cliente>", "confident": true | false, "handoff": true | false}',
  ].filter(Boolean).join('\n');
}

function describeIntent(intent: BotIntent, index: number): string {
  const lines = [`${index + 1}. Intención: ${intent.name}${intent.handoff ? ' (pasa a una persona)' : ''}`];
  if (intent.examples.length) lines.push(`   Ejemplos de preguntas: ${intent.examples.map((e) => JSON.stringify(e)).join('; ')}`);
  lines.push(`   Respuesta: ${JSON.stringify(intent.answer.text)}`);
  if (intent.answer.buttons?.length) lines.push(`   Opciones: ${intent.answer.buttons.map((b) => JSON.stringify(b.title)).join('; ')}`);
  return lines.join('\n');
}

/** The system prompt, the conversation so far (agents' messages count as the assistant's side) and the turn. */
export function chatMessages(instructions: string, matrix: BotIntent[], turn: BotTurn): ChatMessage[] {
  const history = turn.history
    .filter((m) => m.text.trim())
    .map((m): ChatMessage => ({ role: m.from === 'contact' ? 'user' : 'assistant', content: m.text }));
  return [{ role: 'system', content: systemPrompt(instructions, matrix, turn.language) }, ...history, { role: 'user', content: turn.text }];
}
