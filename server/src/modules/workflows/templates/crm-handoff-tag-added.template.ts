import { defineTemplate } from './workflow-template.js';
import { CRM_TEXTS, crmHandoffSteps } from './crm-handoff-steps.js';

/** Seed 000: "También se puede añadir la etiqueta manualmente y se activará la automatización". */
export const crmHandoffTagAddedTemplate = defineTemplate({
  id: 'crm-handoff-tag-added',
  group: 'crm-handoff',
  name: { es: 'Ingreso a CRM: al añadir la etiqueta', en: 'CRM hand-off: when the tag is added' },
  description: {
    es: `Cuando se añade a mano la etiqueta «${CRM_TEXTS.es.leadTag}» a un contacto que aún no está en el CRM, le pide los datos que falten y lo carga al CRM.`,
    en: `When the tag "${CRM_TEXTS.en.leadTag}" is added by hand to a contact not yet in the CRM, asks for any missing data and uploads the contact to the CRM.`,
  },
  definition: (lang) => ({
    version: 1,
    trigger: {
      type: 'contact_tag_updated',
      change: 'added',
      tags: [CRM_TEXTS[lang].leadTag],
      // By hand: the after-close hand-off tags the contact itself and must not start a second hand-off.
      sources: ['agent', 'api'],
      // Already uploaded (the hand-off saves the CRM's id): nothing to do.
      conditions: [{ kind: 'contact_field', field: 'crm_id', operator: 'not_exists' }],
    },
    steps: crmHandoffSteps(lang, 'tag_added'),
  }),
});
