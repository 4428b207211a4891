/** The demo workspace, in Spanish, modelled on the seeds: an academy with sales and support teams. */

export const demoWorkspace = { name: 'Academia IDEA (demo)', timezone: 'America/Caracas', language: 'es' };

export const demoOwner = { name: 'Gonzalo Molina', email: 'demo@atiende.local' };

export const demoAgents = [
  { key: 'georgina', name: 'Georgina Cedeño', email: 'georgina@atiende.local', role: 'agent', accessLevel: 'team', teams: ['ventas'] },
  { key: 'luis', name: 'Luis Rondón', email: 'luis@atiende.local', role: 'agent', accessLevel: 'team', teams: ['ventas'] },
  { key: 'maria', name: 'María Fernanda Soto', email: 'maria@atiende.local', role: 'agent', accessLevel: 'team', teams: ['soporte'] },
  { key: 'carlos', name: 'Carlos Pérez', email: 'carlos@atiende.local', role: 'supervisor', accessLevel: 'all', teams: ['soporte', 'ventas'] },
] as const;

export const demoTeams = [
  { key: 'ventas', name: 'Ventas', description: 'Admisiones, cursos y precios' },
  { key: 'soporte', name: 'Soporte', description: 'Plataforma, pagos y certificados' },
] as const;

export const demoTags = [
  { name: 'admisión y ventas', color: '#2f9e44' },
  { name: 'soporte', color: '#1971c2' },
  { name: 'pagos', color: '#e8590c' },
  { name: 'vip', color: '#c2255c' },
];

export const demoClosingCategories = ['Consulta resuelta', 'Venta concretada', 'Derivado a llamada', 'Sin respuesta del cliente'];

type Line = { from: 'customer' | 'agent' | 'note'; text: string; agent?: string };

export interface DemoConversation {
  customer: { phone: string; name: string; email?: string };
  hoursAgo: number;
  lines: Line[];
  /** What happens after the messages. */
  end:
    | { kind: 'queued' }
    | { kind: 'bot' }
    | { kind: 'open'; agent: string; tags?: string[]; priority?: 'high' | 'urgent' }
    | { kind: 'snoozed'; agent: string; option: 'tomorrow' | 'until_reply' }
    | { kind: 'closed'; agent: string; category: string; summary: string; tags?: string[] }
    | { kind: 'transferred'; agent: string; toTeam: string; reason: string };
  team: 'ventas' | 'soporte';
}

export const demoConversations: DemoConversation[] = [
  {
    customer: { phone: '+584141234501', name: 'Andrea Rivas' }, hoursAgo: 0.2, team: 'ventas',
    lines: [{ from: 'customer', text: 'Hola, buenas tardes. ¿Cuánto cuesta el curso de piloto privado?' }, { from: 'customer', text: '¿Tienen financiamiento?' }],
    end: { kind: 'queued' },
  },
  {
    customer: { phone: '+584241234502', name: 'José Gregorio Marcano' }, hoursAgo: 0.5, team: 'ventas',
    lines: [{ from: 'customer', text: 'Buenas, quiero inscribirme en el curso de despachador de vuelo' }],
    end: { kind: 'queued' },
  },
  {
    customer: { phone: '+584121234503', name: 'Valentina Ortiz' }, hoursAgo: 1, team: 'soporte',
    lines: [{ from: 'customer', text: 'Hola, ¿cuál es el horario de atención?' }],
    end: { kind: 'bot' },
  },
  {
    customer: { phone: '+584161234504', name: 'Ricardo Bello', email: 'ricardo.bello@example.com' }, hoursAgo: 2, team: 'soporte',
    lines: [
      { from: 'customer', text: 'No puedo entrar a la plataforma, me dice contraseña incorrecta' },
      { from: 'agent', agent: 'maria', text: 'Hola Ricardo, soy María de Soporte. Ya le enviamos un enlace para restablecer la contraseña a su correo.' },
      { from: 'customer', text: 'No me ha llegado nada todavía' },
      { from: 'note', agent: 'maria', text: '@Carlos Pérez ¿podemos revisar si el correo rebota? Es la segunda vez esta semana.' },
    ],
    end: { kind: 'open', agent: 'maria', tags: ['soporte'], priority: 'high' },
  },
  {
    customer: { phone: '+584141234505', name: 'Daniela Chacón' }, hoursAgo: 3, team: 'ventas',
    lines: [
      { from: 'customer', text: '¿El curso de inglés aeronáutico es presencial?' },
      { from: 'agent', agent: 'georgina', text: '¡Hola Daniela! Es mixto: clases en línea y prácticas presenciales en Caracas. ¿Le envío el programa?' },
      { from: 'customer', text: 'Sí por favor, y los precios' },
    ],
    end: { kind: 'open', agent: 'georgina', tags: ['admisión y ventas'] },
  },
  {
    customer: { phone: '+584241234506', name: 'Miguel Ángel Torres' }, hoursAgo: 20, team: 'ventas',
    lines: [
      { from: 'customer', text: 'Me interesa, pero debo consultarlo con mi familia' },
      { from: 'agent', agent: 'luis', text: 'Perfecto, Miguel. Le escribo mañana para saber qué decidieron.' },
    ],
    end: { kind: 'snoozed', agent: 'luis', option: 'tomorrow' },
  },
  {
    customer: { phone: '+584121234507', name: 'Carolina Guzmán' }, hoursAgo: 26, team: 'soporte',
    lines: [
      { from: 'customer', text: 'Hice un pago por transferencia y no aparece reflejado' },
      { from: 'agent', agent: 'maria', text: 'Estimada Carolina, ¿nos envía el comprobante para verificarlo con administración?' },
    ],
    end: { kind: 'snoozed', agent: 'maria', option: 'until_reply' },
  },
  {
    customer: { phone: '+584161234508', name: 'Pedro Salazar' }, hoursAgo: 30, team: 'soporte',
    lines: [
      { from: 'customer', text: 'Quiero comprar el uniforme en la tienda' },
      { from: 'note', agent: 'maria', text: 'Esto es de Ventas (Tienda IDEA), lo transfiero.' },
    ],
    end: { kind: 'transferred', agent: 'maria', toTeam: 'ventas', reason: 'Pedido de la tienda' },
  },
  {
    customer: { phone: '+584141234509', name: 'Luisa Fernández' }, hoursAgo: 48, team: 'soporte',
    lines: [
      { from: 'customer', text: 'Necesito mi certificado del curso' },
      { from: 'agent', agent: 'maria', text: 'Estimada Luisa, ya está disponible en su perfil, sección Certificados.' },
      { from: 'customer', text: '¡Listo, muchas gracias!' },
      { from: 'agent', agent: 'maria', text: 'Estimado(a), para IDEA a través de nuestros agentes de soporte fue un placer ayudar en resolver su situación.' },
    ],
    end: { kind: 'closed', agent: 'maria', category: 'Consulta resuelta', summary: 'Certificado descargado desde el perfil', tags: ['soporte'] },
  },
  {
    customer: { phone: '+584241234510', name: 'Alejandro Mora', email: 'amora@example.com' }, hoursAgo: 72, team: 'ventas',
    lines: [
      { from: 'customer', text: 'Quiero pagar la inscripción del curso de piloto privado' },
      { from: 'agent', agent: 'georgina', text: 'Excelente, Alejandro. Le envío los datos de pago y el formulario de inscripción.' },
      { from: 'customer', text: 'Listo, ya pagué y envié el formulario' },
    ],
    end: { kind: 'closed', agent: 'georgina', category: 'Venta concretada', summary: 'Inscripción pagada, curso PPL cohorte de enero', tags: ['admisión y ventas', 'vip'] },
  },
];
