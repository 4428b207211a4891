import { expect, it } from 'vitest';
import { universityMatrix } from './__fixtures__/matrix.js';
import { matchIntent } from './match-intent.js';

/**
 * Customers' questions as they arrive (typos, no accents, plurals, capitals, extra words), each with the intent a
 * supervisor would expect; null: nothing in the matrix answers it. Written before the algorithm, never tuned to it.
 */
const spanish: [string, string | null][] = [
  ['buenas tardes, a que hora abren mañana?', 'Horarios'],
  ['HORARIOS DE ATENCION', 'Horarios'],
  ['hasta qué hora atienden los sábados?', 'Horarios'],
  ['los horarios de las clases nocturnas cuales son', 'Horarios'],
  ['cuanto cuesta la carrera de administracion', 'Precios y matrícula'],
  ['precio de la matricla porfa', 'Precios y matrícula'],
  ['Cuánto sale la mensualidad de ingeniería?', 'Precios y matrícula'],
  ['qué costo tiene el semestre', 'Precios y matrícula'],
  ['que requisistos necesito para entrar a la universidad', 'Requisitos de admisión'],
  ['que papeles piden para la admision', 'Requisitos de admisión'],
  ['hay que presentar examen de admisión?', 'Requisitos de admisión'],
  ['donde quedan ustedes?', 'Ubicación'],
  ['me pasas la direccion de la sede de maracaibo', 'Ubicación'],
  ['como llego a la universidad', 'Ubicación'],
  ['puedo pagar con tarjeta de credito?', 'Formas de pago'],
  ['aceptan pago movil o transferencia', 'Formas de pago'],
  ['se puede pagar en dolares en efectivo?', 'Formas de pago'],
  ['tienen becas para estudiantes de bajos recursos?', 'Becas'],
  ['hay algun descuento por pago de contado?', 'Becas'],
  ['quisiera informacion sobre las bekas', 'Becas'],
  ['que carreras tienen?', 'Carreras'],
  ['Quisiera saber que puedo estudiar alli', 'Carreras'],
  ['tienen la carrera de piloto?', 'Carreras'],
  ['cursos disponibles este semestre', 'Carreras'],
  ['como va mi tramiet?', 'Estado de trámite'],
  ['ya esta lista mi solicitud? la hice hace 2 semanas', 'Estado de trámite'],
  ['quiero saber el estado de mi solicitud de admision', 'Estado de trámite'],
  ['necesito una constancia de estudios', 'Certificados'],
  ['como saco mi certificado de notas', 'Certificados'],
  ['cuanto tarda la entrega del titulo', 'Certificados'],
  ['no puedo entrar a la plataforma', 'Soporte de plataforma'],
  ['olvide mi contrasena', 'Soporte de plataforma'],
  ['el aula virtual no me carga, sale error', 'Soporte de plataforma'],
  ['quiero hablar con una persona', 'Hablar con un agente'],
  ['me comunica con un asesor por favor', 'Hablar con un agente'],
  ['HABLAR CON AGENTE', 'Hablar con un agente'],
  ['quiero poner un reclamo', 'Reclamos'],
  ['tengo una queja del profesor de matematicas', 'Reclamos'],
  ['pesimo servicio, nadie me responde', 'Reclamos'],
  ['cual es el numero de telefono', 'Contacto y teléfono'],
  ['tienen whatsapp?', 'Contacto y teléfono'],
  ['a que correo puedo escribirles', 'Contacto y teléfono'],
  ['como me inscribo', 'Inscripción'],
  ['cuando abren las inscripciones?', 'Inscripción'],
  ['quiero inscribirme en ingeniería', 'Inscripción'],
  ['quiero que me devuelvan mi dinero', 'Devoluciones'],
  ['me cobraron dos veces la mensualidad', 'Devoluciones'],
  ['como pido un reembolso', 'Devoluciones'],
  ['venden pizza?', null],
  ['mi gato se llama Michi', null],
  ['qué tal el clima hoy?', null],
  ['asdkjh qwe', null],
  ['jajaja ok', null],
  ['me gusta el color azul', null],
];

const english: [string, string | null][] = [
  ['what time do you close on fridays', 'Horarios'],
  ['are you open on saturdays?', 'Horarios'],
  ['how much does the pilot program cost?', 'Precios y matrícula'],
  ['what is the tuition fee', 'Precios y matrícula'],
  ['what are the admission requirements', 'Requisitos de admisión'],
  ['Where is the campus located?', 'Ubicación'],
  ['whats your address', 'Ubicación'],
  ['do you take paypal or credit card', 'Formas de pago'],
  ['what payment methods do you accept', 'Formas de pago'],
  ['Do you offer any scholarhips?', 'Becas'],
  ['what degrees do you offer', 'Carreras'],
  ['do you have an aeronautical engineering program?', 'Carreras'],
  ['whats the status of my application', 'Estado de trámite'],
  ['I need an official transcript', 'Certificados'],
  ['how do I request my diploma', 'Certificados'],
  ['I cant log into the student portal', 'Soporte de plataforma'],
  ['forgot my password', 'Soporte de plataforma'],
  ['can I talk to a real person?', 'Hablar con un agente'],
  ['I want to file a complaint', 'Reclamos'],
  ['what is your phone number', 'Contacto y teléfono'],
  ['how do I enrol?', 'Inscripción'],
  ["I'd like to sign up for next semester", 'Inscripción'],
  ['I want a refund', 'Devoluciones'],
  ['I was charged twice, please give my money back', 'Devoluciones'],
  ['who won the football game last night', null],
  ['can you recommend a good restaurant nearby', null],
];

const questions = [...spanish, ...english];

/** The threshold the figure is measured at: the one we recommend as the built-in bot's default. */
const threshold = 0.5;

it('matches customers’ questions to the knowledge matrix with at least 90% accuracy', () => {
  const misses: string[] = [];
  for (const [question, expected] of questions) {
    const { intent, confidence, best } = matchIntent(universityMatrix, question, threshold);
    if ((intent?.name ?? null) !== expected) {
      misses.push(`  "${question}": expected ${expected}, got ${intent?.name ?? null} (best ${best?.name ?? '-'} ${confidence.toFixed(2)})`);
    }
  }
  const right = questions.length - misses.length;
  const percent = ((100 * right) / questions.length).toFixed(1);
  console.log(`bot matching accuracy: ${right}/${questions.length} = ${percent}% (es ${spanish.length}, en ${english.length})`);
  if (misses.length) console.log(`misses:\n${misses.join('\n')}`);
  expect(questions.length).toBeGreaterThanOrEqual(60);
  expect(right / questions.length).toBeGreaterThanOrEqual(0.9);
});
