// `cjm serve --tls-cert --tls-key`: HTTPS with a certificate made for the
// test (openssl, self-signed for 127.0.0.1), the read cookie marked Secure.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { test } from 'node:test';
import { READ_TOKEN, basic, startServer, tempDir } from './server.mjs';

function https(url, { method = 'GET', headers = {}, body, ca }) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

test('HTTPS with the given certificate and key', async () => {
  const dir = tempDir('tls');
  const cert = join(dir, 'cert.pem'), key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-subj', '/CN=127.0.0.1', '-days', '1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const server = await startServer(dir, { args: ['--tls-cert', cert, '--tls-key', key] });
  try {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(cert);
    const r = await https(server.url + '/v1/track', { method: 'POST', ca, headers: { Authorization: basic(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'u', event: 'home_view', messageId: 'tls-1' }) });
    assert.equal(r.status, 200);
    const page = await https(server.url + '/?token=' + READ_TOKEN, { ca });
    assert.equal(page.status, 303);
    assert.match(page.headers['set-cookie'][0], /; Secure/);
    // Plain HTTP on the same port is not served.
    const plain = await fetch(server.url.replace('https:', 'http:') + '/healthz').then((x) => x.status, () => 'refused');
    assert.equal(plain, 'refused');
  } finally { assert.equal(await server.stop(), 0); }
});
