import { describe, expect, it } from 'vitest';
import { exportWorkflow, parseWorkflowImport } from './workflow-io.js';
import { validateWorkflow } from './validate-workflow.js';
import { buildDefinition, fixtureText } from './__fixtures__/definitions.js';

const crm = () => {
  const imported = parseWorkflowImport(fixtureText('crm-handoff'));
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  return imported;
};
const problemsOf = (input: unknown) => {
  const result = parseWorkflowImport(input);
  return result.ok ? [] : result.problems.map((p) => [p.code, p.path, ...(p.stepId ? [p.stepId] : [])]);
};

describe('exportWorkflow', () => {
  it('writes the file format with everything but credentials, and leaves the stored definition alone', () => {
    const { name, description, definition } = crm();
    const file = exportWorkflow({ name, description, definition });
    expect(file).toMatchObject({ atiende: 'workflow', version: 1, name: 'Ingreso a CRM', description });
    const http = JSON.stringify(file.definition);
    expect(http).not.toContain('ejemplo-token-crm');
    expect(http).toContain('"name":"Content-Type","value":"application/json"');
    expect(JSON.stringify(definition)).toContain('ejemplo-token-crm');
  });

  it('keeps credentials drawn from variables, and all of them when asked', () => {
    const definition = buildDefinition([{
      id: 'h', type: 'http_request', method: 'POST', url: 'https://crm.example/x?api_key=abc123&token={{vars.t}}&lang=es',
      headers: [{ name: 'Authorization', value: 'Bearer {{vars.token}}' }, { name: 'X-Api-Key', value: 's3cr3t' }],
    }]);
    const step = (options?: { includeSecrets: boolean }) => JSON.stringify(exportWorkflow({ name: 'n', definition }, options).definition.steps[0]);
    expect(step()).toContain('"url":"https://crm.example/x?api_key=&token={{vars.t}}&lang=es"');
    expect(step()).toContain('"value":"Bearer {{vars.token}}"');
    expect(step()).toContain('{"name":"X-Api-Key","value":""}');
    expect(step({ includeSecrets: true })).toContain('api_key=abc123');
    expect(step({ includeSecrets: true })).toContain('s3cr3t');
  });

  it('round-trips: a shared file imports as the same workflow, which then asks for the credentials again', () => {
    const { name, description, definition } = crm();
    const text = JSON.stringify(exportWorkflow({ name, description, definition }));
    const again = parseWorkflowImport(text);
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    expect(again.name).toBe(name);
    expect(again.definition.steps.map((s) => s.id)).toEqual(definition.steps.map((s) => s.id));
    expect(validateWorkflow(again.definition)).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'missing_setting', stepId: 'subir-crm', path: 'steps[1].branches[0].steps[3].headers[0].value' })] });
    const backup = parseWorkflowImport(JSON.stringify(exportWorkflow({ name, description, definition }, { includeSecrets: true })));
    expect(backup.ok && backup.definition).toEqual(definition);
  });
});

describe('parseWorkflowImport', () => {
  const file = (over: Record<string, unknown> = {}) => ({ ...JSON.parse(fixtureText('out-of-hours')), ...over });

  it('reads a file as text or as parsed JSON, ids kept as written, a missing description as empty', () => {
    const fromText = parseWorkflowImport(fixtureText('out-of-hours'));
    expect(fromText.ok && fromText.definition.steps.map((s) => s.id)).toEqual(['horario', 'espera-apertura', 'asignar-soporte']);
    const { description: _, ...noDescription } = file();
    expect(parseWorkflowImport(noDescription)).toMatchObject({ ok: true, name: 'Mensaje fuera de horario', description: '' });
  });

  it('refuses what is not JSON or not a workflow file', () => {
    expect(problemsOf('{"atiende": "workflow",')).toEqual([['not_json', '']]);
    expect(problemsOf('[1, 2]')).toEqual([['not_a_workflow_file', '']]);
    expect(problemsOf({ version: 1, name: 'x', definition: {} })).toEqual([['not_a_workflow_file', '']]);
    expect(problemsOf(null)).toEqual([['not_a_workflow_file', '']]);
  });

  it('refuses other format versions with a clear message', () => {
    const newer = parseWorkflowImport(file({ version: 2 }));
    expect(newer).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'unsupported_version', path: 'version' })] });
    expect(!newer.ok && newer.problems[0].message).toContain('newer Atiende');
    expect(problemsOf(file({ version: '1' }))).toEqual([['unsupported_version', 'version']]);
    expect(problemsOf(file({ definition: { ...file().definition, version: 3 } }))).toEqual([['unsupported_version', 'definition.version']]);
  });

  it('names the field and the step of a badly shaped file', () => {
    const broken = file({ name: '  ' });
    broken.definition.steps[0].branches[0].steps[0].message = { kind: 'fax' };
    broken.definition.steps.push({ id: 'x', type: 'wait', duration: { amount: 0, unit: 'hours' } });
    expect(problemsOf(broken)).toEqual([
      ['invalid_shape', 'name'],
      ['invalid_shape', 'definition.steps[0].branches[0].steps[0].message.kind', 'aviso'],
      ['invalid_shape', 'definition.steps[3].duration.amount', 'x'],
    ]);
    expect(problemsOf(file({ definition: undefined }))).toEqual([['invalid_shape', 'definition']]);
  });

  it('refuses a file nested deep enough to hurt the parser', () => {
    let deep: unknown = {};
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    expect(problemsOf(file({ definition: { version: 1, trigger: { type: 'conversation_opened' }, steps: [], deep } }))).toEqual([['too_deep', '']]);
  });
});
