// The part of autocannon's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    idReplacement?: boolean;
    connections?: number;
    amount?: number;
    workers?: number;
  }
  interface Histogram {
    p50: number;
    p99: number;
  }
  interface Result {
    duration: number;
    requests: { total: number };
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    statusCodeStats: Record<string, { count: number }>;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
