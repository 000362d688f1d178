// Lints the published OpenAPI document with Redocly CLI (redocly.yaml) and Spectral (.spectral.yaml) and writes the
// outcome as JUnit (one test per linter) for test.sh's summary. Any error or warning fails: exit code 1.
// Usage: node lint.mjs [document] [junit-file]   (defaults: docs/openapi/v1.json, no JUnit file)
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const document = resolve(process.argv[2] ?? join(root, 'docs', 'openapi', 'v1.json'));
const junit = process.argv[3] ? resolve(process.argv[3]) : null;
const bin = (name) => join(here, 'node_modules', '.bin', name);

function run(name, command, args, count) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const problems = count(output);
  const ok = result.status === 0 && problems === 0;
  console.log(`${name}: ${ok ? 'clean' : `${problems} problem(s), exit ${result.status}`}`);
  if (!ok) console.log(output);
  return { name, ok, seconds: (Date.now() - started) / 1000, output };
}

const results = [
  run('redocly lint (recommended)', bin('redocly'), ['lint', document, '--config', join(root, 'redocly.yaml'), '--format', 'stylish', '--max-problems', '1000'],
    // Its summary: "Woohoo! Your API description is valid." when clean; otherwise counts of errors and warnings.
    (out) => (/Woohoo!/.test(out) && !/\d+ warnings?/.test(out) ? 0 : Math.max(1, [...out.matchAll(/(\d+) (errors?|warnings?)/g)].reduce((n, m) => n + Number(m[1]), 0)))),
  run('spectral lint (spectral:oas)', bin('spectral'), ['lint', document, '--ruleset', join(root, '.spectral.yaml'), '--fail-severity', 'hint', '--format', 'text'],
    (out) => (out.match(/\s(error|warning|information|hint)\s/g) ?? []).length),
];

if (junit) {
  const escape = (s) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
  const cases = results.map((r) => `    <testcase classname="openapi.lint" name="${escape(r.name)}" time="${r.seconds}">${r.ok ? '' : `\n      <failure message="the document has lint problems">${escape(r.output)}</failure>\n    `}</testcase>`).join('\n');
  const failures = results.filter((r) => !r.ok).length;
  writeFileSync(junit, `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n  <testsuite name="openapi-lint" tests="${results.length}" failures="${failures}" errors="0" skipped="0">\n${cases}\n  </testsuite>\n</testsuites>\n`);
}

process.exit(results.every((r) => r.ok) ? 0 : 1);
