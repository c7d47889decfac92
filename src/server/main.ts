/** `npm start`: starts Digikompass and prints where to go, the demo logins and the demo survey links. */
import { startServer } from './server.js';

try {
  const server = await startServer();
  const lines = [`\nDigikompass is running at ${server.url}`];
  if (server.demo) {
    lines.push('', 'Demo logins:');
    for (const login of server.demo.logins) lines.push(`  ${login.role.padEnd(22)} ${login.email} / ${login.password}`);
    lines.push('', 'Demo survey links (open wave):');
    for (const link of server.demo.links) lines.push(`  ${link.label.padEnd(40)} ${server.url}/s/${link.token}`);
  }
  lines.push('', `API docs: ${server.url}/api/docs`, '');
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
