// Copies the official SignalR browser client into the service's wwwroot (run by ops/web.sh after npm ci).
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'EPI.Collab.Api', 'wwwroot', 'lib');
mkdirSync(target, { recursive: true });
copyFileSync(join(here, 'node_modules', '@microsoft', 'signalr', 'dist', 'browser', 'signalr.min.js'), join(target, 'signalr.min.js'));
console.log(`web: copied signalr.min.js to ${target}`);
