import type { FakeHandler } from '../settings/test-kit';
import type { Workflow, WorkflowSummary } from './workflows.api';
import type { Step, Trigger, WorkflowDefinition } from './workflow-types';

/** Test data for the workflow screens: what the server answers, in its documented shapes. */

export const openedTrigger: Trigger = { type: 'conversation_opened', sources: [], conditions: [], match: 'all', oncePerContact: false };

export const definition = (steps: Step[] = [], trigger: Trigger = openedTrigger): WorkflowDefinition => ({ version: 1, trigger, steps });

export function summary(id: number, over: Partial<WorkflowSummary> = {}): WorkflowSummary {
  return {
    id,
    name: `Flujo ${id}`,
    description: '',
    status: 'draft',
    version: 0,
    triggerType: 'conversation_opened',
    hasUnpublishedChanges: true,
    runs: { active: 0, total: 0 },
    updatedAt: '2025-03-01T10:00:00.000Z',
    publishedAt: null,
    ...over,
  };
}

export function workflow(id: number, draft: WorkflowDefinition = definition(), over: Partial<Workflow> = {}): Workflow {
  return { ...summary(id, { triggerType: draft.trigger.type }), draft, published: null, hookUrl: null, problems: [], ...over };
}

/** The lists the editor's selects read (users, teams, fields, categories, channels, tags, workflows). */
export function directoryRoutes(workflows: WorkflowSummary[] = []): Record<string, FakeHandler> {
  const page = (items: unknown[]) => () => ({ body: { items, nextCursor: null } });
  return {
    'GET /users': page([
      { id: 1, name: 'Ana Pérez', email: 'ana@optica.example', active: true, role: 'admin', teamIds: [3] },
      { id: 2, name: 'Bruno Díaz', email: 'bruno@optica.example', active: true, role: 'agent', teamIds: [3] },
    ]),
    'GET /teams': page([{ id: 3, name: 'Ventas', description: '', memberIds: [1, 2] }]),
    'GET /contact-fields': () => ({
      body: { items: [{ id: 1, key: 'cedula', label: 'Cédula', type: 'text', options: [], required: false, position: 1 }] },
    }),
    'GET /closing-categories': page([{ id: 1, name: 'Venta cerrada', createdAt: '2025-01-01T00:00:00.000Z' }]),
    'GET /channels': page([{ id: 4, type: 'whatsapp', name: 'WhatsApp Ventas' }]),
    'GET /tags': page([{ id: 1, name: 'vip', color: 'teal', createdAt: '2025-01-01T00:00:00.000Z' }]),
    'GET /workflows': () => ({ body: { items: workflows } }),
  };
}
