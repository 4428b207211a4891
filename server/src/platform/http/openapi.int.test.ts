import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';

describeEachDriver('OpenAPI document', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t.close());

  it('is served at /api/docs from the routes\' own schemas', async () => {
    const page = await t.server.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(page.statusCode);
    const doc = (await t.server.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/conversations', '/api/v1/conversations/{id}/take', '/api/v1/conversations/{id}/messages', '/api/v1/contacts', '/api/v1/channels', '/api/v1/teams', '/api/v1/jobs', '/hooks/{type}/{channelId}']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const list = doc.paths['/api/v1/conversations'].get;
    expect(list.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['status', 'assigneeId', 'teamId', 'channelId', 'tag', 'from', 'to', 'q', 'cursor', 'limit']));
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
  });
});
