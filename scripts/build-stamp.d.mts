/** Types of build-stamp.mjs (plain JavaScript so `npm start` runs it with bare node). */
export function writeBuildStamp(root: string, stampFile: string, buildInputs: string[], sources: Iterable<string>, outputs: string[]): void;
export function buildStaleReason(root: string, stampFile: string, outDir: string): string | undefined;
