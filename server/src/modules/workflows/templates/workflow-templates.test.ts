import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../definition/validate-workflow.js';
import { parseWorkflowDefinition } from '../definition/parse-workflow-definition.js';
import type { WorkflowDefinition } from '../definition/workflow-definition.js';
import { WORKFLOW_TEMPLATES, findTemplate } from './workflow-templates.js';

const LANGS = ['es', 'en'] as const;

/** What the editor asks for: empty team and agent choices, the CRM's key. */
function fillPlaceholders(definition: WorkflowDefinition): WorkflowDefinition {
  const fill = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(fill);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'teamId' || k === 'userId') && v === null) out[k] = 7;
      else if (k === 'headers') out[k] = (v as { name: string; value: string }[]).map((h) => ({ ...h, value: h.value || 'Bearer clave-del-crm' }));
      else out[k] = fill(v);
    }
    return out;
  };
  const parsed = parseWorkflowDefinition(fill(definition));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.definition;
}

describe('the shipped workflow templates', () => {
  it('cover the examples of seed 003 and the CRM hand-off of seed 000, with unique ids', () => {
    const ids = WORKFLOW_TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([
      'close-and-resume-bot', 'assign-to-agent', 'sales-round-robin', 'support-auto-assign', 'high-touch-support',
      'agent-assigned-message', 'out-of-hours', 'agents-at-capacity', 'menu-routing',
      'crm-handoff-after-close', 'crm-handoff-tag-added', 'crm-handoff-field-set',
    ]));
    expect(WORKFLOW_TEMPLATES.filter((t) => t.group === 'crm-handoff').map((t) => t.triggerType).sort())
      .toEqual(['contact_field_updated', 'contact_tag_updated', 'conversation_closed']);
  });

  it('have a name and a description in Spanish and in English', () => {
    for (const t of WORKFLOW_TEMPLATES) {
      for (const lang of LANGS) {
        expect(t.name[lang].trim(), `${t.id} name ${lang}`).not.toBe('');
        expect(t.description[lang].length, `${t.id} description ${lang}`).toBeGreaterThan(20);
      }
      expect(t.name.es, t.id).not.toBe(t.name.en);
      expect(t.description.es, t.id).not.toBe(t.description.en);
    }
  });

  it('write their messages in the template\'s language', () => {
    const text = (id: string, lang: 'es' | 'en') => JSON.stringify(findTemplate(id)!.definition(lang));
    expect(text('agent-assigned-message', 'es')).toContain('Ahora estás hablando con {{agent.name}}');
    expect(text('agent-assigned-message', 'en')).toContain('You are now talking to {{agent.name}}');
    expect(text('crm-handoff-after-close', 'es')).toContain('admision y ventas');
    expect(text('out-of-hours', 'en')).not.toMatch(/horario/);
  });

  it('only miss the settings the editor asks for, and validate once those are filled', () => {
    for (const t of WORKFLOW_TEMPLATES) {
      for (const lang of LANGS) {
        const definition = t.definition(lang);
        expect(definition.trigger.type).toBe(t.triggerType);
        const raw = validateWorkflow(definition);
        const codes = raw.ok ? [] : raw.problems.map((p) => p.code);
        expect(codes.filter((c) => c !== 'missing_setting'), `${t.id} ${lang}: ${JSON.stringify(raw)}`).toEqual([]);
        const filled = validateWorkflow(fillPlaceholders(definition));
        expect(filled, `${t.id} ${lang}`).toEqual({ ok: true });
      }
    }
  });

  it('leave the team, agent and credentials empty rather than guessing them', () => {
    const problems = (id: string) => {
      const r = validateWorkflow(findTemplate(id)!.definition('es'));
      return r.ok ? [] : r.problems.map((p) => p.path);
    };
    expect(problems('sales-round-robin')).toEqual(['steps[0].target.teamId']);
    expect(problems('assign-to-agent')).toEqual(['steps[0].target.userId']);
    expect(problems('crm-handoff-tag-added')).toEqual(['steps[2].headers[0].value']);
    expect(problems('out-of-hours')).toEqual([]);
  });

  it('hand out a copy: editing one workflow made from a template does not change the template', () => {
    const first = findTemplate('out-of-hours')!.definition('es');
    first.steps.length = 0;
    expect(findTemplate('out-of-hours')!.definition('es').steps).toHaveLength(1);
  });
});
