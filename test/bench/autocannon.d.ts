/** Minimal types for the parts of autocannon the benchmarks use (the package ships none). */
declare module 'autocannon' {
  interface Options { url: string; connections?: number; duration?: number; headers?: Record<string, string>; method?: string; body?: string; idReplacement?: boolean; overallRate?: number; connectionRate?: number }
  interface Histogram { average: number; p50: number; p99: number; max: number; total: number }
  interface Result { requests: Histogram; latency: Histogram; errors: number; non2xx: number; timeouts: number }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
