import type { WorkflowTemplate } from './workflow-template.js';
import { closeAndResumeBotTemplate } from './close-and-resume-bot.template.js';
import { unassignAfterCloseTemplate } from './unassign-after-close.template.js';
import { assignToAgentTemplate } from './assign-to-agent.template.js';
import { salesRoundRobinTemplate } from './sales-round-robin.template.js';
import { supportAutoAssignTemplate } from './support-auto-assign.template.js';
import { highTouchSupportTemplate } from './high-touch-support.template.js';
import { agentAssignedMessageTemplate } from './agent-assigned-message.template.js';
import { outOfHoursTemplate } from './out-of-hours.template.js';
import { agentsAtCapacityTemplate } from './agents-at-capacity.template.js';
import { menuRoutingTemplate } from './menu-routing.template.js';
import { crmHandoffAfterCloseTemplate } from './crm-handoff-after-close.template.js';
import { crmHandoffTagAddedTemplate } from './crm-handoff-tag-added.template.js';
import { crmHandoffFieldSetTemplate } from './crm-handoff-field-set.template.js';

/** The shipped templates, in the order the gallery shows them (seed 003's "Ejemplos de flujos", then seed 000's CRM hand-off). */
export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  closeAndResumeBotTemplate,
  unassignAfterCloseTemplate,
  assignToAgentTemplate,
  salesRoundRobinTemplate,
  supportAutoAssignTemplate,
  highTouchSupportTemplate,
  agentAssignedMessageTemplate,
  outOfHoursTemplate,
  agentsAtCapacityTemplate,
  menuRoutingTemplate,
  crmHandoffAfterCloseTemplate,
  crmHandoffTagAddedTemplate,
  crmHandoffFieldSetTemplate,
];

export const findTemplate = (id: string) => WORKFLOW_TEMPLATES.find((t) => t.id === id);
