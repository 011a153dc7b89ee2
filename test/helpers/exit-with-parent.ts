/**
 * @module Preloaded (`--import`) into the BFF processes tests start (scale-out, routing crash): the process exits
 * when its parent does. The parent holds the write end of this process's stdin; when the parent
 * goes, however it goes (a test run killed by CI's time limit, Ctrl-C, SIGKILL), the pipe closes
 * and stdin ends here. Without this, a BFF or worker of a killed run kept claiming and delivering
 * on the shared test database, under the next run's feet.
 */
process.stdin.on('end', () => process.exit(1));
process.stdin.on('data', () => { /* nothing is sent; reading keeps the 'end' event coming */ });
// Reading stdin must not keep a process alive that would otherwise exit on its own.
process.stdin.unref?.();
