import { expect } from 'vitest';
import type { TestApp } from './harness.js';
import type { Session } from './fixtures.js';

/** A workflow through the API: created with its definition as the draft, then published. */
export async function publishWorkflow(t: TestApp, admin: Session, name: string, definition: unknown): Promise<number> {
  const created = await t.server.app.inject({ method: 'POST', url: '/api/v1/workflows', headers: admin.headers, payload: { name, definition } as object });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json();
  const published = await t.server.app.inject({ method: 'POST', url: `/api/v1/workflows/${id}/publish`, headers: admin.headers });
  expect(published.statusCode, published.body).toBe(200);
  return id;
}

export interface RunView {
  id: number;
  status: string;
  error: string | null;
  steps: Array<{ stepId: string; stepType: string; outcome: string; detail: Record<string, unknown> }>;
  vars: Record<string, unknown>;
}

export async function runsOf(t: TestApp, admin: Session, workflowId: number): Promise<Array<{ id: number; status: string; conversationId: number | null }>> {
  const res = await t.server.app.inject({ method: 'GET', url: `/api/v1/workflows/${workflowId}/runs?limit=100`, headers: admin.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

export async function runView(t: TestApp, admin: Session, runId: number): Promise<RunView> {
  const res = await t.server.app.inject({ method: 'GET', url: `/api/v1/workflow-runs/${runId}`, headers: admin.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
