#!/usr/bin/env bash
# `npm run bench:fresh [-- --ref <commit>] [-- --keep]`: the README's run command on a fresh machine,
# timed until an order can be placed (POST /api/orders answers 201); goal ≤ 120 s.
#
# The fresh machine, as closely as one can have it on a machine that already has the project:
# a clean `git clone` of the committed sources into a temporary directory (no node_modules, no
# .tools, no generated/, no data/), an empty npm cache and an empty pip cache (no local wheel
# directory), no `temporal` on PATH, and free ports so it runs beside anything else. Then `npm start`
# there, its output shown with the seconds since the start, and a POST /api/orders every half second
# until it answers 201. Prints the time of each phase (from the progress lines of setup and start)
# and writes them to <tmp>/fresh-machine.json; the last result is also copied to
# ${TMPDIR:-/tmp}/process-engine-fresh-machine.json, which `npm run bench` shows as its `6 fresh` row.
# The clone is removed at the end unless --keep is given.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
ref=HEAD
keep=0
timeout=900
while [ $# -gt 0 ]; do
  case "$1" in
    --ref) ref=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --timeout) timeout=$2; shift 2 ;;
    *) echo "usage: bench/fresh-machine.sh [--ref <commit>] [--keep] [--timeout <s>]"; exit 2 ;;
  esac
done
say() { printf '\033[35m[fresh]\033[0m %s\n' "$*"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fresh-machine.XXXXXX")
clone="$tmp/repo"
log="$tmp/start.log"
commit=$(git -C "$repo" rev-parse "$ref")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "commit $commit into $tmp, load $load_before on $(nproc) cores"
git clone --quiet --no-checkout "$repo" "$clone"
git -C "$clone" checkout --quiet "$commit"

# Empty caches, nothing installed: npm and pip download everything from their registries.
mkdir -p "$tmp/npm-cache" "$tmp/pip-cache"
export npm_config_cache="$tmp/npm-cache" PIP_CACHE_DIR="$tmp/pip-cache"
unset PIP_FIND_LINKS PIP_NO_INDEX npm_config_offline npm_config_prefer_offline
# No Temporal CLI or test server on PATH (setup then installs them into .tools, as on a fresh machine).
clean_path=""
IFS=: read -ra dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [ -x "$d/temporal" ] || [ -x "$d/temporal-test-server" ] || clean_path="${clean_path:+$clean_path:}$d"
done
export PATH="$clean_path"
unset TEMPORAL_CLI TEMPORAL_TEST_SERVER DATA_DIR API_USERS OPERATIONS_DATABASE_URL PRODUCTION_DATABASE_URL

# Free ports, so the run does not meet another system on the defaults (and does not use its Temporal).
ports=($(node -e '
  const net = require("node:net");
  const pick = () => new Promise((r) => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => r(p)); }); });
  (async () => { const ps = new Set(); while (ps.size < 4) ps.add(await pick()); console.log([...ps].join(" ")); })();'))
export API_PORT=${ports[0]} SIMULATOR_PORT=${ports[1]} TEMPORAL_ADDRESS=127.0.0.1:${ports[2]} TEMPORAL_UI_PORT=${ports[3]}
# A TEMPORAL_ADDRESS of one's own turns the demo keys off in `npm start`; this is still the demo.
export DEMO_MODE=true

start=$(date +%s.%N)
elapsed() { awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN { printf "%6.1f", n - s }'; }
# The README's command, in a session of its own (stopped as a whole at the end), every line stamped.
(cd "$clone" && exec setsid bash -c 'echo $$ >"$0"; exec npm start' "$tmp/group.pid") \
  > >(while IFS= read -r line; do printf '%s %s\n' "$(elapsed)" "$line"; done | tee -a "$log") 2>&1 &
npm_pid=$!

order='{"customer":"C-0001","requestedDate":"2027-12-01","lines":[{"sku":"GD-001","quantity":2}]}'
status=000
while :; do
  status=$(curl -s -o "$tmp/order.json" -w '%{http_code}' -X POST "http://127.0.0.1:$API_PORT/api/orders" \
    -H 'X-API-Key: operator-key' -H 'Content-Type: application/json' -d "$order" || true)
  [ "$status" = 201 ] && break
  kill -0 "$npm_pid" 2>/dev/null || { say "npm start ended before an order could be placed"; break; }
  if awk -v s="$start" -v n="$(date +%s.%N)" -v t="$timeout" 'BEGIN { exit !(n - s > t) }'; then
    say "no order after $timeout s"
    break
  fi
  sleep 0.5
done
total=$(elapsed)
[ "$status" = 201 ] && echo "$total ▸ First order placed (POST /api/orders answered 201): $(cat "$tmp/order.json")" >>"$log"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Stop what npm start runs (it stops the Temporal server it started), then anything left of the group.
pgid=$(cat "$tmp/group.pid" 2>/dev/null || true)
if [ -n "$pgid" ] && [ "$pgid" != "$(ps -o pgid= -p $$ | tr -d ' ')" ]; then
  kill -TERM -- "-$pgid" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$pgid" 2>/dev/null || true
fi
[ -f "$clone/data/temporal.pid" ] && kill -KILL -- "-$(head -1 "$clone/data/temporal.pid")" 2>/dev/null || true
wait "$npm_pid" 2>/dev/null || true

# Phases from the progress lines: a `▸ name ...` line starts one that ends at its `✓ name` line
# (setup's steps, some side by side); any other `▸` line starts one that ends where the next begins.
results="$tmp/fresh-machine.json"
node - "$log" "$results" "$commit" "$total" "$status" "$load_before" "$load_after" <<'EOF'
const fs = require('node:fs');
const [log, out, commit, total, status, loadBefore, loadAfter] = process.argv.slice(2);
const lines = fs.readFileSync(log, 'utf8').split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
const phases = [];
// `Compiling x (why) ...` and `✓ Compiling x (12 s)` name one phase: compared without parentheses and addresses.
const norm = (s) => s.replace(/\s*\([^)]*\)/g, '').replace(/ (on|at) (http:\/\/)?127\.0\.0\.1\S*/, '').replace(/ ?(\.\.\.|…)$/, '').trim();
for (const line of lines) {
  const m = /^\s*([\d.]+) ([▸✓]) (.*)$/.exec(line);
  if (!m) continue;
  const at = Number(m[1]);
  if (m[3].startsWith('First order placed')) break;
  const name = norm(m[3]);
  if (m[2] === '✓') {
    const open = phases.find((p) => p.end === undefined && p.explicit && p.name === name);
    if (open) open.end = at;
    // A ✓ line without its ▸ line (setup's total) ran from the start.
    else phases.push({ name, start: 0, end: at, explicit: true });
    continue;
  }
  for (const p of phases) if (p.end === undefined && !p.explicit) p.end = at;
  phases.push({ name, start: at, explicit: /(\.\.\.|…)$/.test(m[3]) });
}
for (const p of phases) if (p.end === undefined) p.end = Number(total);
const rows = phases.map((p) => ({ phase: p.name, startS: p.start, endS: p.end, seconds: +(p.end - p.start).toFixed(1) }));
const result = {
  commit,
  date: new Date().toISOString(),
  firstOrderS: status === '201' ? Number(total) : null,
  goalS: 120,
  met: status === '201' && Number(total) <= 120,
  load: { before: loadBefore, after: loadAfter },
  cores: require('node:os').cpus().length,
  phases: rows,
};
fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
const pad = (s, n) => String(s).padEnd(n);
console.log('\nphase'.padEnd(72) + 'from     to  seconds');
for (const r of rows) console.log(`${pad(r.phase.slice(0, 70), 70)} ${r.startS.toFixed(1).padStart(6)} ${r.endS.toFixed(1).padStart(6)} ${r.seconds.toFixed(1).padStart(7)}`);
console.log(`\nfresh machine to first order: ${result.firstOrderS ?? 'no order'} s (goal ≤ 120 s: ${result.met ? 'met' : 'missed'}); load ${loadBefore} → ${loadAfter}`);
EOF
cp "$results" "${TMPDIR:-/tmp}/process-engine-fresh-machine.json"
say "results in $results, log in $log"
if [ "$keep" = 0 ]; then rm -rf "$clone" "$tmp/npm-cache" "$tmp/pip-cache"; else say "clone kept in $clone"; fi
[ "$status" = 201 ]
