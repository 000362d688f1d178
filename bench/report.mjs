// BENCHMARKS.md from the results of run.mjs: one table row per scenario, then one pass/fail line per target
// (the targets of docs/performance.md).
const ms = (v) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(1) : v.toFixed(0)) : '–');
const x = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–');
const pct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '–');
const non2xx = (...runs) => runs.reduce((n, r) => n + r.failed + Object.entries(r.statuses).filter(([s]) => s < 200 || s >= 300).reduce((a, [, c]) => a + c, 0), 0);

export function report({ results: r, b, scale, started, seconds, connections, warmup, mixedSeconds, loadBefore, loadSamples, command }) {
  const rows = [];
  const rerun = (id) => `\`BENCH_SCENARIOS=${id} ${command}\``;
  const standard = (res, id) => rows.push([
    res.name, res.saturated.rps.toFixed(0), x(res.saturated.rps / b.saturated.rps),
    `${res.rate}/s${res.fraction ? ` (${pct(res.fraction)})` : ''}`, `${ms(res.paced.p50)} / ${ms(res.paced.p95)} / ${ms(res.paced.p99)}`,
    x(res.paced.p99 / b.paced.p99), res.rssMb.toFixed(0), pct(res.saturated.loadGenCpu), non2xx(res.saturated, res.paced), rerun(id)]);

  standard(b, 'S0');
  for (const [key, id] of [['S1', 'S1'], ['S1small', 'S1'], ['S2', 'S2'], ['S2deep', 'S2'], ['S2small', 'S2'], ['S3', 'S3'], ['S4', 'S4'], ['S8', 'S8']]) {
    if (r[key]) standard(r[key], id);
  }
  if (r.S5) {
    const s = r.S5;
    rows.push([`${s.name}: S1 latency (logins p50/p95/p99 ${ms(s.logins.p50)} / ${ms(s.logins.p95)} / ${ms(s.logins.p99)} ms; solo right before: ${ms(s.solo.p50)} / ${ms(s.solo.p95)} / ${ms(s.solo.p99)} ms)`,
      `${s.underLogins.rps.toFixed(0)} + ${s.logins.rps.toFixed(1)} logins`, x(s.underLogins.rps / b.saturated.rps), `${r.S1.rate}/s + 5/s`,
      `${ms(s.underLogins.p50)} / ${ms(s.underLogins.p95)} / ${ms(s.underLogins.p99)}`, `${x(s.underLogins.p99 / b.paced.p99)} (${x(s.underLogins.p99 / s.solo.p99)} solo)`,
      `${s.rssBefore.toFixed(0)} → ${s.rssMb.toFixed(0)}`, pct(s.underLogins.loadGenCpu + s.logins.loadGenCpu), non2xx(s.logins, s.underLogins), rerun('S5')]);
  }
  if (r.S7) {
    const s = r.S7;
    rows.push([`${s.name}: the other's latency (solo p50/p95/p99 ${ms(s.solo.p50)} / ${ms(s.solo.p95)} / ${ms(s.solo.p99)} ms; noisy got ${s.noise.statuses[429] ?? 0} × 429)`,
      `${s.withNoise.rps.toFixed(0)} + ${s.noise.rps.toFixed(0)} noisy 2xx`, x(s.withNoise.rps / b.saturated.rps), `${s.limitPerSecond}/s + ${s.limitPerSecond * 10}/s`,
      `${ms(s.withNoise.p50)} / ${ms(s.withNoise.p95)} / ${ms(s.withNoise.p99)}`, `${x(s.withNoise.p99 / b.paced.p99)} (${x(s.withNoise.p99 / s.solo.p99)} solo)`,
      s.rssMb.toFixed(0), pct(s.withNoise.loadGenCpu + s.noise.loadGenCpu), `${non2xx(s.withNoise)} (other)`, rerun('S7')]);
  }
  if (r.S6) {
    const s = r.S6;
    rows.push([s.name, `${s.paced.rps.toFixed(0)} (fixed rate)`, x(s.paced.rps / b.saturated.rps), `${s.rate}/s`,
      `${ms(s.paced.p50)} / ${ms(s.paced.p95)} / ${ms(s.paced.p99)}`, x(s.paced.p99 / b.paced.p99),
      `${s.rss.start.toFixed(0)} / ${s.rss.max.toFixed(0)} / ${s.rss.end.toFixed(0)} (start / max / end)`, pct(s.paced.loadGenCpu), non2xx(s.paced), rerun('S6')]);
  }

  const checks = [];
  const check = (ok, text) => checks.push(`- ${ok ? 'PASS' : 'FAIL'}: ${text}`);
  if (r.S1) {
    check(r.S1.saturated.rps >= 0.5 * b.saturated.rps, `S1 throughput ≥ 0.5 × B: ${x(r.S1.saturated.rps / b.saturated.rps)}`);
    check(r.S1.paced.p99 <= 2 * b.paced.p99, `S1 p99 at 50% ≤ 2 × B's p99 at 50%: ${ms(r.S1.paced.p99)} vs ${ms(b.paced.p99)} ms (${x(r.S1.paced.p99 / b.paced.p99)})`);
  }
  if (r.S2) check(r.S2.saturated.rps >= 0.3 * b.saturated.rps, `S2 throughput ≥ 0.3 × B: ${x(r.S2.saturated.rps / b.saturated.rps)}`);
  if (r.S2deep) {
    const { deep, page1 } = r.S2deep.paired;
    check(deep.p95 <= 1.2 * page1.p95 && r.S2deep.saturated.rps * 1.2 >= r.S2.saturated.rps,
      `S2 page ${r.S2deep.page.toLocaleString('en')} no slower than 1.2 × page 1: p95 ${ms(deep.p95)} vs ${ms(page1.p95)} ms, the two pages alternating at page 1's rate (${x(deep.p95 / page1.p95)}; measured one after the other: ${ms(r.S2deep.paced.p95)} vs ${ms(r.S2.paced.p95)} ms); throughput ${x(r.S2deep.saturated.rps / r.S2.saturated.rps)} of page 1`);
  }
  if (r.S3) check(r.S3.paced.p95 <= 50, `S3 p95 ≤ 50 ms at 20% of saturation: ${ms(r.S3.paced.p95)} ms`);
  if (r.S4) check(r.S4.saturated.rps >= 0.2 * b.saturated.rps, `S4 throughput ≥ 0.2 × B: ${x(r.S4.saturated.rps / b.saturated.rps)}`);
  if (r.S5) {
    const s = r.S5;
    check(s.logins.p95 <= 400, `S5 login p95 ≤ 400 ms: ${ms(s.logins.p95)} ms`);
    check(s.underLogins.p99 <= 2 * s.solo.p99, `S5 S1's p99 during logins ≤ 2 × its solo p99 (same rate, measured right before the logins): ${ms(s.underLogins.p99)} vs ${ms(s.solo.p99)} ms (${x(s.underLogins.p99 / s.solo.p99)})`);
    check(s.rssMax <= s.rssBefore * 1.1, `S5 memory bounded: API RSS ${s.rssBefore.toFixed(0)} → ${s.rssMb.toFixed(0)} MB over the run (max ${s.rssMax.toFixed(0)}; after a ${warmup} s login warm-up; bounded: max within 10% of the start)`);
  }
  if (r.S6) {
    const m = r.S6.rss;
    check(m.max <= 500 && m.flat, `S6 API RSS ≤ 500 MB and flat over ${mixedSeconds} s: start ${m.start.toFixed(0)}, max ${m.max.toFixed(0)}, end ${m.end.toFixed(0)} MB; mean of the last quarter ${m.q4.toFixed(0)} vs the second ${m.q2.toFixed(0)} MB (flat: within 5%)`);
  }
  if (r.S7) check(r.S7.withNoise.p99 <= 1.5 * r.S7.solo.p99, `S7 the other tenant's p99 ≤ 1.5 × its solo p99: ${ms(r.S7.withNoise.p99)} vs ${ms(r.S7.solo.p99)} ms (${x(r.S7.withNoise.p99 / r.S7.solo.p99)})`);
  if (r.S8) check(r.S8.paced.p95 <= 100, `S8 deals board p95 ≤ 100 ms (at 50% of its saturation): ${ms(r.S8.paced.p95)} ms`);
  for (const [name, big, small] of [['S1', r.S1, r.S1small], ['S2', r.S2, r.S2small]]) {
    if (big && small) {
      check(big.saturated.rps * 1.2 >= small.saturated.rps && big.paced.p95 <= 1.2 * small.paced.p95,
        `Growth ${name}: 1M-lead tenant within 1.2 × the 10k-lead tenant: throughput 10k / 1M ${x(small.saturated.rps / big.saturated.rps)}, p95 1M / 10k ${x(big.paced.p95 / small.paced.p95)} (each at 50% of its own saturation)`);
    }
  }

  const avg = (list) => list.reduce((a, v) => a + v, 0) / Math.max(1, list.length);
  return [
    '# Benchmarks',
    '',
    `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on one machine (2 cores, shared), API in Release against a local PostgreSQL 15,`,
    `load generator on the same machine. Load average (1 min) at the start ${loadBefore[0].toFixed(2)}, during the run mean ${avg(loadSamples).toFixed(2)}, max ${Math.max(0, ...loadSamples).toFixed(2)}.`,
    `Data: ${scale === 1 ? 'the full set' : `${scale} of the full set (a quick run)`}: bench-big with ${(1e6 * scale).toLocaleString('en')} leads, ${(2e5 * scale).toLocaleString('en')} contacts, ${(5e4 * scale).toLocaleString('en')} deals, ${(5e5 * scale).toLocaleString('en')} activities, ${(2e4 * scale).toLocaleString('en')} units; 9 tenants with ${(1e4 * scale).toLocaleString('en')} leads each.`,
    '',
    `Throughput: saturated, closed model (autocannon, ${connections} connections, ${seconds} s after ${warmup} s of warm-up), 2xx only.`,
    `Latency: open model at a fixed rate (50% of the scenario's own saturation unless stated; requests on an even schedule, latency from the scheduled time), ${seconds} s.`,
    'p99 ratio: the scenario\'s p99 over B\'s p99, each at 50% of its own saturation. API RSS: resident memory after the scenario (/proc).',
    'Load generator CPU: the node process during saturation, in cores.',
    '',
    '| scenario | throughput (req/s) | ratio to B | rate for latency | p50 / p95 / p99 (ms) | p99 ratio | API RSS (MB) | load generator CPU | non-2xx | command |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    '## Targets',
    '',
    ...checks,
    '',
    `Command: \`${command}\` (all scenarios: build, data set, hosts, this file). One scenario: the command in its row.`,
    '',
  ].join('\n');
}
