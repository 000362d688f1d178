// Runs the load scenarios of performance.md against the baseline B and the API, and writes BENCHMARKS.md.
// Expects (from run.sh): BENCH_API, BENCH_BASELINE, BENCH_IDS (folder with <slug>.ids), BENCH_TOKEN_BIG,
// BENCH_TOKEN_SMALL, BENCH_LOGIN_BODY, BENCH_OUT, BENCH_COMMAND. Each scenario: saturated throughput (closed model),
// then latency at a fixed rate (open model, so coordinated omission cannot hide stalls).
import autocannon from 'autocannon';
import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { cpuUsage, memoryUsage } from 'node:process';

const env = process.env;
const api = env.BENCH_API;
const baseline = env.BENCH_BASELINE;
const seconds = Number(env.BENCH_SECONDS ?? 10);
const connections = Number(env.BENCH_CONNECTIONS ?? 32);
const ids = (slug) => readFileSync(`${env.BENCH_IDS}/${slug}.ids`, 'utf8').trim().split('\n');
const bigIds = ids('bench-big');
const smallIds = ids('bench-small-1');
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const auth = (token) => ({ authorization: `Bearer ${token}` });

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One autocannon run; latencies are recorded per response so p95 is exact. */
async function load({ url, path, headers = {}, method = 'GET', body, rate, duration = seconds, conns = connections }) {
  const latencies = [];
  let non2xx = 0;
  const cpuBefore = cpuUsage();
  const wall = process.hrtime.bigint();
  const instance = autocannon({
    url,
    connections: conns,
    duration,
    overallRate: rate,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ method, setupRequest: (req) => ({ ...req, path: path(), body: body ? body() : undefined, headers: { ...req.headers, ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}) } }) }],
  });
  instance.on('response', (_client, status, _bytes, time) => {
    latencies.push(time);
    if (status < 200 || status >= 300) non2xx++;
  });
  const result = await instance;
  const cpu = cpuUsage(cpuBefore);
  const elapsed = Number(process.hrtime.bigint() - wall) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    non2xx, errors: result.errors + result.timeouts,
    loadGenCpu: (cpu.user + cpu.system) / 1e6 / elapsed,
  };
}

/** Saturation, then latency at a fraction of it. */
async function scenario(name, spec, fraction = 0.5) {
  const saturated = await load(spec);
  const paced = await load({ ...spec, rate: Math.max(1, Math.floor(saturated.rps * fraction)) });
  console.log(name, JSON.stringify({ saturated, paced }));
  return { name, fraction, saturated, paced };
}

async function apiMemoryMb() {
  const text = await (await fetch(`${api}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('process_memory_usage_bytes') || l.startsWith('process_working_set_bytes'));
  return line ? Number(line.split(' ').pop()) / 1024 / 1024 : NaN;
}

async function cursorOfPage(token, page, query) {
  let cursor = null;
  for (let i = 1; i < page; i++) {
    const response = await fetch(`${api}/api/v1/leads?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: auth(token) });
    cursor = (await response.json()).nextCursor;
  }
  return cursor;
}

const bigToken = env.BENCH_TOKEN_BIG;
const smallToken = env.BENCH_TOKEN_SMALL;
const results = [];
const memory = [];

results.push(await scenario('S0 baseline GET /raw/{id}', { url: baseline, path: () => `/raw/${pick(bigIds)}` }));
memory.push(await apiMemoryMb());
results.push(await scenario('S1 GET lead by id (1M-lead tenant)', { url: api, headers: auth(bigToken), path: () => `/api/v1/leads/${pick(bigIds)}` }));
results.push(await scenario('S1 GET lead by id (10k-lead tenant)', { url: api, headers: auth(smallToken), path: () => `/api/v1/leads/${pick(smallIds)}` }));
results.push(await scenario('S2 list 50 leads, status=new, page 1', { url: api, headers: auth(bigToken), path: () => '/api/v1/leads?status=new&limit=50' }));
const page1000 = await cursorOfPage(bigToken, 1000, 'status=new&limit=50');
results.push(await scenario('S2 list 50 leads, status=new, page 1,000', { url: api, headers: auth(bigToken), path: () => `/api/v1/leads?status=new&limit=50&cursor=${encodeURIComponent(page1000)}` }));
results.push(await scenario('S2 list 50 leads, status=new, page 1 (10k-lead tenant)', { url: api, headers: auth(smallToken), path: () => '/api/v1/leads?status=new&limit=50' }));
const fragments = ['omar', 'khan', 'sara.', '9715001', 'layla', 'patel'];
results.push(await scenario('S3 q contains search (1M leads)', { url: api, headers: auth(bigToken), path: () => `/api/v1/leads?q=${pick(fragments)}&limit=50` }, 0.2));
memory.push(await apiMemoryMb());
let serial = 0;
results.push(await scenario('S4 create lead (insert + audit + idempotency)', {
  url: api, method: 'POST', headers: auth(smallToken), path: () => '/api/v1/leads?allowDuplicate=true',
  body: () => JSON.stringify({ firstName: 'Bench', lastName: `Lead ${serial++}`, email: `bench.${randomUUID()}@example.test`, source: 'website' }),
}));
memory.push(await apiMemoryMb());

// S5: logins at 5/s while S1 runs at half of its saturation.
const s1 = results.find((r) => r.name.startsWith('S1 GET lead by id (1M'));
const [loginRun, s1UnderLogins] = await Promise.all([
  load({ url: api, method: 'POST', path: () => '/api/v1/auth/login', body: () => env.BENCH_LOGIN_BODY, rate: 5, conns: 4 }),
  load({ url: api, headers: auth(bigToken), path: () => `/api/v1/leads/${pick(bigIds)}`, rate: Math.floor(s1.saturated.rps * 0.5) }),
]);
memory.push(await apiMemoryMb());

const b = results[0];
const row = (r) => `| ${r.name} | ${r.saturated.rps.toFixed(0)} | ${(r.saturated.rps / b.saturated.rps).toFixed(2)} | ${r.paced.p50} / ${r.paced.p95} / ${r.paced.p99} | ${(r.paced.p99 / b.paced.p99).toFixed(2)} | ${r.saturated.non2xx + r.paced.non2xx} | ${(r.saturated.loadGenCpu * 100).toFixed(0)}% |`;
const lines = [
  '# Benchmarks',
  '',
  `Measured ${new Date().toISOString()} on one machine (2 cores), API in Release, PostgreSQL 15 local, autocannon ${connections} connections, ${seconds} s per phase.`,
  'Throughput is saturated (closed model); latencies (ms) at a fixed rate of 50% of each scenario\'s own saturation (S3: 20%), open model.',
  '',
  '| scenario | req/s | ratio to B | p50 / p95 / p99 (ms) | p99 ratio to B | non-2xx | load generator CPU |',
  '|---|---|---|---|---|---|---|',
  ...results.map(row),
  `| S5 logins at 5/s during S1 at 50% | login p95 ${loginRun.p95} ms | | S1 p50/p95/p99 ${s1UnderLogins.p50} / ${s1UnderLogins.p95} / ${s1UnderLogins.p99} | ${(s1UnderLogins.p99 / s1.paced.p99).toFixed(2)} × solo p99 | ${loginRun.non2xx + s1UnderLogins.non2xx} | |`,
  '',
  `API resident memory (MB) sampled after S0, S3, S4, S5: ${memory.map((m) => m.toFixed(0)).join(', ')}. Load generator RSS: ${(memoryUsage().rss / 1024 / 1024).toFixed(0)} MB.`,
  '',
  `Command: \`${env.BENCH_COMMAND ?? 'bench/run.sh'}\``,
  '',
];
writeFileSync(env.BENCH_OUT, lines.join('\n'));
console.log(lines.join('\n'));
