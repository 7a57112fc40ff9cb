// The real client libraries, pointed at a running `cjm serve` by their host
// option only: Segment's @segment/analytics-node and RudderStack's
// @rudderstack/rudder-sdk-node (which gzips its batches).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Analytics } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { WRITE_KEY, readJson, startServer, tempDir, waitLive } from './server.mjs';

let server;
before(async () => { server = await startServer(tempDir('clients')); });
after(async () => { if (server) assert.equal(await server.stop(), 0); });

test('@segment/analytics-node: track, page, identify; traits feed a persona', async () => {
  const errors = [];
  const analytics = new Analytics({ writeKey: WRITE_KEY, host: server.url, flushInterval: 50, maxEventsInBatch: 4 });
  analytics.on('error', (e) => errors.push(e));
  analytics.identify({ userId: 'seg-1', traits: { plan: 'pro' } });
  analytics.identify({ userId: 'seg-2', traits: { plan: 'free' } });
  analytics.track({ userId: 'seg-1', event: 'home_view', properties: { channel: 'web' }, timestamp: new Date('2024-05-01T10:00:00Z') });
  analytics.track({ userId: 'seg-1', event: 'product_view', timestamp: new Date('2024-05-01T10:01:00Z') });
  analytics.track({ userId: 'seg-1', event: 'Order Completed', properties: { value: 42.5 }, timestamp: new Date('2024-05-01T10:02:00Z') });
  analytics.page({ userId: 'seg-2', name: 'Pricing', timestamp: new Date('2024-05-01T11:00:00Z') });
  analytics.track({ anonymousId: 'anon-1', event: 'home_view' });
  await analytics.closeAndFlush({ timeout: 10000 });
  assert.deepEqual(errors, []);
  const live = await waitLive(server, (l) => l.events >= 5);
  assert.equal(live.events, 5);
  assert.equal(live.customers, 3);
  const result = await readJson(server, '/api/v1/result');
  const pro = result.personas.find((p) => p.id === 'pro');
  assert.equal(pro.customers, 1);
  assert.equal(pro.events, 3);
  const buy = result.stages.find((s) => s.id === 'buy');
  assert.equal(buy.reached, 1);
});

test('@rudderstack/rudder-sdk-node with its default gzip', async () => {
  const start = (await readJson(server, '/api/v1/live')).events;
  const client = new RudderAnalytics(WRITE_KEY, { dataPlaneUrl: server.url, flushAt: 3, flushInterval: 50, logLevel: 'error' });
  for (let i = 0; i < 7; i++)
    client.track({ userId: 'rud-' + (i % 2), event: i % 3 === 2 ? 'Order Completed' : 'home_view', properties: { channel: 'app', n: i }, timestamp: new Date(Date.UTC(2024, 4, 2, 10, i)) });
  client.identify({ userId: 'rud-0', traits: { plan: 'pro' } });
  client.page({ userId: 'rud-1', name: 'Pricing' });
  await client.flush();
  const live = await waitLive(server, (l) => l.events >= start + 8);
  assert.equal(live.events, start + 8);
  const result = await readJson(server, '/api/v1/result');
  assert.equal(result.personas.find((p) => p.id === 'pro').customers, 2, 'seg-1 and rud-0');
});
