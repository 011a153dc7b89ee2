/** @module The entry `npm start` builds (scripts/server-build.mjs) and runs: the server, started as `node bff/server.ts` would. */
import { main } from './server.js';

main();
