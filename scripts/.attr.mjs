import fs from 'node:fs';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
const file = process.argv[2];
const code = fs.readFileSync(file, 'utf8');
const map = new TraceMap(JSON.parse(fs.readFileSync(file + '.map', 'utf8')));
const lines = code.split('\n');
const sizes = {};
for (let l = 0; l < lines.length; l++) {
  const line = lines[l];
  let last = 'unmapped';
  for (let c = 0; c < line.length; c++) {
    // sample every char is slow; step 1
    const p = originalPositionFor(map, { line: l + 1, column: c });
    if (p.source) last = p.source;
    sizes[last] = (sizes[last] || 0) + 1;
  }
}
Object.entries(sizes).sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => console.log(String(v).padStart(7), k));
