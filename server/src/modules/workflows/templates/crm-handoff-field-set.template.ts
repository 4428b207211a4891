import { defineTemplate } from './workflow-template.js';
import { CRM_TEXTS, crmHandoffSteps } from './crm-handoff-steps.js';

/** Seed 000: "al colocar sí en ¿subir a CRM manualmente? se cargará al CRM" (a select field with sí / no). */
export const crmHandoffFieldSetTemplate = defineTemplate({
  id: 'crm-handoff-field-set',
  group: 'crm-handoff',
  name: { es: 'Ingreso a CRM: al marcar «¿subir a CRM manualmente?»', en: 'CRM hand-off: when "upload to CRM manually?" is set' },
  description: {
    es: `Cuando un agente pone «${CRM_TEXTS.es.yes}» en el campo «¿subir a CRM manualmente?» (clave ${CRM_TEXTS.es.manualField}) de un contacto que aún no está en el CRM, lo carga al CRM en el acto.`,
    en: `When an agent sets the field "upload to CRM manually?" (key ${CRM_TEXTS.en.manualField}) to "${CRM_TEXTS.en.yes}" on a contact not yet in the CRM, uploads the contact to the CRM at once.`,
  },
  definition: (lang) => ({
    version: 1,
    trigger: {
      type: 'contact_field_updated',
      fields: [CRM_TEXTS[lang].manualField],
      sources: ['agent', 'api'],
      conditions: [
        { kind: 'contact_field', field: CRM_TEXTS[lang].manualField, operator: 'is', value: CRM_TEXTS[lang].yes },
        { kind: 'contact_field', field: 'crm_id', operator: 'not_exists' },
      ],
    },
    steps: crmHandoffSteps(lang, 'field_set'),
  }),
});
