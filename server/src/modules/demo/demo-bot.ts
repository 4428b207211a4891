/** The demo's bot (seed 000's Eva) and the seeds' standard messages as snippets. */

type DemoIntent = { name: string; examples: string[]; keywords: string[]; answer: { text: string; buttons?: { id: string; title: string }[] }; handoff?: boolean };

export const demoBot = {
  name: 'Eva',
  settings: {
    greeting: '¡Hola! Soy Eva, la asistente virtual de la Academia IDEA. ¿En qué te puedo ayudar?',
    fallback: 'No entendí tu pregunta. Puedes preguntarme por cursos, horarios, inscripción o pagos, o escribir "agente" para hablar con una persona.',
    handoffMessage: 'Te comunico con un asesor; en un momento te atiende.',
    threshold: 0.5,
    maxFailures: 2,
    collect: [{ field: 'email' as const, prompt: '¿Me compartes tu correo electrónico para enviarte la información?' }],
  },
};

export const demoIntents: DemoIntent[] = [
  {
    name: 'Cursos',
    examples: ['¿Qué cursos tienen?', 'Quiero información de los cursos', 'oferta académica', 'What courses do you offer?'],
    keywords: ['cursos', 'diplomados', 'oferta'],
    answer: { text: 'Tenemos cursos de Marketing Digital, Programación y Finanzas. ¿Cuál te interesa?', buttons: [{ id: 'Marketing Digital', title: 'Marketing Digital' }, { id: 'Inscripción', title: 'Inscribirme' }] },
  },
  { name: 'Marketing Digital', examples: ['curso de marketing digital', 'marketing'], keywords: ['marketing'], answer: { text: 'El curso de Marketing Digital dura 8 semanas, en línea, con clases los sábados.' } },
  { name: 'Horarios', examples: ['¿Cuál es el horario de atención?', '¿A qué hora abren?', 'horario de clases'], keywords: ['horario', 'hora'], answer: { text: 'Atendemos de lunes a viernes de 8:00 a 17:00. Las clases en línea son los sábados de 9:00 a 13:00.' } },
  { name: 'Inscripción', examples: ['¿Cómo me inscribo?', 'quiero inscribirme', 'requisitos de inscripción'], keywords: ['inscribo', 'inscripcion', 'requisitos'], answer: { text: 'Para inscribirte necesitas tu cédula y completar el formulario en la web; un asesor de admisión te acompaña en el proceso.' } },
  { name: 'Pagos', examples: ['¿Cuáles son las formas de pago?', '¿Puedo pagar con transferencia?', 'métodos de pago'], keywords: ['pago', 'pagar', 'transferencia'], answer: { text: 'Aceptamos transferencia, pago móvil y tarjeta. Al pagar, envíanos el comprobante por aquí.' } },
  { name: 'Central telefónica', examples: ['¿Cuál es el número de teléfono?', 'quiero llamar', 'número de la central'], keywords: ['telefono', 'llamar', 'central'], answer: { text: 'Puedes llamar a nuestra central telefónica: +58 (212)-771-9011.' } },
  { name: 'Hablar con un agente', examples: ['Quiero hablar con un agente', 'hablar con una persona', 'necesito un asesor'], keywords: ['agente', 'asesor', 'persona', 'humano'], answer: { text: 'Claro, te paso con un asesor.' }, handoff: true },
];

export const demoSnippets = [
  {
    shortcut: 'investigando',
    title: 'Seguimos investigando',
    body: 'Estimado(a) {{contact.first_name}}, le pedimos disculpa por aún no darle una respuesta; desde el departamento {{team.name}} ({{agent.name}}) seguimos investigando el caso y daremos una respuesta lo más pronto posible.',
  },
  { shortcut: 'cierre', title: 'Cierre de caso', body: 'Estimado(a) {{contact.first_name}}, para IDEA a través de nuestros agentes de soporte fue un placer ayudarle a resolver su situación.' },
  {
    shortcut: 'central',
    title: 'Llamar a la central',
    body: '¡Hola {{contact.first_name}}! Te escribe {{agent.name}} de IDEA. Si tienes alguna duda o necesitas más información sobre los cursos, puedes darme tu número de teléfono para que nuestro departamento de ventas te llame, o llamar a nuestra central telefónica +58 (212)-771-9011. También puedo enviarte la información por esta vía o a tu correo electrónico. ¡Feliz día!',
  },
];
