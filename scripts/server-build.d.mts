/** Types of server-build.mjs (plain JavaScript so `npm start` runs it with bare node). */
export const SERVER_OUT_DIR: string;
export const SERVER_STAMP_FILE: string;
export const SERVER_ENTRY: string;
export function serverStaleReason(root: string): string | undefined;
export function buildServer(root: string): Promise<void>;
