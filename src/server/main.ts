/** `npm start`: starts Digikompass and prints where to go, the demo logins and the demo survey links. */
import { DEMO_TOTP_SECRET } from './db/seed/demo.js';
import { startServer } from './server.js';

try {
  const server = await startServer();
  const lines = [`\nDigikompass is running at ${server.url}`];
  if (server.demo) {
    lines.push('', 'Demo logins (* also asks for a code from the authenticator: `npm run demo:code` prints it):');
    for (const login of server.demo.logins) lines.push(`  ${login.role.padEnd(28)} ${login.email} / ${login.password}${login.twoFactor ? ' *' : ''}`);
    lines.push(`  Two-step login secret of the demo accounts (for an authenticator app): ${DEMO_TOTP_SECRET}`);
    lines.push('', 'Demo survey links (open wave):');
    for (const link of server.demo.links) lines.push(`  ${link.label.padEnd(40)} ${server.url}/s/${link.token}`);
  }
  lines.push('', `Mail: ${server.mail}`, `API docs: ${server.url}/api/docs`, '');
  console.log(lines.join('\n'));
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
