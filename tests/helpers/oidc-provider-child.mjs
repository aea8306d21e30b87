// A real OpenID provider (panva's oidc-provider 9, ES modules only) on 127.0.0.1, run as its own
// process: jest's CommonJS runtime cannot import it. Reads its setup as JSON from argv[2]:
// { claims: [names issued under the openid scope], clients: [...], accounts: { login: {claims} } }
// and prints {"issuer": "http://127.0.0.1:PORT"} once listening. Any login name its development
// pages accept; the account's claims are those given for that login.
import http from 'node:http';
import Provider from 'oidc-provider';

const setup = JSON.parse(process.argv[2]);
const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: setup.clients,
  // As Slack does: the scope's claims in the ID token itself.
  conformIdTokenClaims: false,
  claims: { openid: ['sub', ...setup.claims], profile: ['name'] },
  cookies: { keys: ['oidc-test-cookie-key'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const claims = setup.accounts[id] ?? {};
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
});
provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc-provider: ${err.stack}\n`));
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
