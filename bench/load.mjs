// The two load shapes of docs/performance.md.
// saturate(): autocannon, closed model (each connection sends its next request when the last one answered), for the
//   highest throughput.
// paced(): an open model at a fixed rate. Requests are scheduled at even intervals whatever the answers do, and each
//   latency counts from the request's scheduled time, so a stall shows up in the percentiles instead of slowing the
//   sender (no coordinated omission). autocannon's own `overallRate` is not used for this: it gives each connection a
//   per-second quota that it sends back to back at the start of every second, so a "50% rate" run is half a second
//   of saturation and half a second of silence, and its p99 is the saturated p99.
import autocannon from 'autocannon';
import http from 'node:http';
import { cpuUsage } from 'node:process';

const percentile = (sorted, p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

function summary(latencies, ok, failed, statuses, seconds, cpuBefore, wallStart, byTag = {}) {
  latencies.sort((a, b) => a - b);
  const cpu = cpuUsage(cpuBefore);
  const elapsed = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const tags = Object.fromEntries(Object.entries(byTag).map(([tag, list]) => {
    list.sort((a, b) => a - b);
    return [tag, { p50: percentile(list, 50), p95: percentile(list, 95), p99: percentile(list, 99), count: list.length }];
  }));
  return {
    rps: ok / seconds,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    count: latencies.length, failed, statuses, latencies, seconds, tags,
    loadGenCpu: (cpu.user + cpu.system) / 1e6 / elapsed,
  };
}

/**
 * A request maker: () => ({ method, path, headers, body }). Only 2xx answers count as throughput; other statuses are
 * tallied (and 429s are expected in S7).
 */
export async function saturate({ url, next, seconds, connections }) {
  const latencies = [];
  const statuses = {};
  let ok = 0;
  const cpuBefore = cpuUsage();
  const wallStart = process.hrtime.bigint();
  const instance = autocannon({
    url, connections, duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }],
  });
  instance.on('response', (_client, status, _bytes, time) => {
    latencies.push(time);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) ok++;
  });
  const result = await instance;
  return summary(latencies, ok, result.errors + result.timeouts, statuses, seconds, cpuBefore, wallStart);
}

/**
 * Open model: `rate` requests per second for `seconds`, at most `connections` in flight (more wait in the agent's
 * queue). A request with a `tag` also counts in that tag's own percentiles (`tags`): two kinds of request interleaved
 * in one run meet the same machine, which two runs a minute apart do not.
 */
export async function paced({ url, next, seconds, rate, connections = 256 }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const byTag = {};
  const statuses = {};
  let ok = 0;
  let failed = 0;
  let sent = 0;
  let pending = 0;
  const cpuBefore = cpuUsage();
  const wallStart = process.hrtime.bigint();
  const total = Math.round(rate * seconds);
  const interval = 1e9 / rate;

  await new Promise((resolve) => {
    const finish = () => { if (sent === total && pending === 0) resolve(); };
    const send = (scheduled) => {
      const { method = 'GET', path, headers = {}, body, tag } = next();
      pending++;
      const request = http.request({
        host: target.hostname, port: target.port, method, path, agent,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
        timeout: 30_000,
      }, (response) => {
        response.resume();
        response.on('end', () => {
          const latency = Number(process.hrtime.bigint() - scheduled) / 1e6;
          latencies.push(latency);
          if (tag) (byTag[tag] ??= []).push(latency);
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          if (response.statusCode >= 200 && response.statusCode < 300) ok++;
          pending--;
          finish();
        });
      });
      request.on('error', () => { failed++; pending--; finish(); });
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.end(body);
    };
    const tick = () => {
      const now = process.hrtime.bigint();
      const due = Math.min(total, Math.floor(Number(now - wallStart) / interval) + 1);
      while (sent < due) {
        send(wallStart + BigInt(Math.round(sent * interval)));
        sent++;
      }
      if (sent < total) setTimeout(tick, 1); else finish();
    };
    tick();
  });
  agent.destroy();
  return summary(latencies, ok, failed, statuses, seconds, cpuBefore, wallStart, byTag);
}
