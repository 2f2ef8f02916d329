#!/usr/bin/env bash
# The SesecPortal benchmark: generate a corpus, import it, serve it in Release mode from its own PostgreSQL and load it
# with wrk on 127.0.0.1. Prints one table (requests/s, p50, p99, errors per URL, with a static file served by the same
# Kestrel as the reference; search also at 8 connections), and in the same run: search one request at a time (curl),
# the bare Lucene engine (bench/SearchEngineBench on the index the portal built, the same 49 queries, as many threads
# as connections) with /api/search as a share of its throughput, the import rate and the time from the
# import's start until its last item was searchable, the time to rebuild the index from PostgreSQL (portal stopped,
# index folder deleted, portal started, until /health/ready answers 200), peak RSS and the database size.
#
#   bench/run.sh --items 50000            # 10-16 minutes on 2 cores (the longer when other work shares them)
#   bench/run.sh --items 1000000          # an hour or more, 3 GB corpus
#
# Options: --items N (default 50000)   --duration SECONDS per URL (15)   --connections C (32)   --threads T (2)
#          --work DIR (bench/.work: corpus files are kept there and reused)   --keep (leave PostgreSQL running)
#          --skip-import (reuse the database of the previous run with the same N)
# Everything listens on 127.0.0.1 only; wrk runs for --duration seconds per row, a request over 10 s counts as an error.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
items=50000 duration=15 connections=32 threads=2 work="$root/bench/.work" keep="" skip_import=""
while [ $# -gt 0 ]; do
  case "$1" in
    --items) items=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --skip-import) skip_import=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "Unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$items" =~ ^[0-9]+$ ]] && [ "$items" -ge 10 ] || { echo "--items must be a whole number of at least 10" >&2; exit 2; }

for tool in wrk python3 dotnet curl; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (Debian: apt-get install -y ${tool/python3/python3})" >&2; exit 2; }
done
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL server binaries are needed (apt-get install -y postgresql)" >&2; exit 2; }
generator="${SESEC_CORPUS_GENERATOR:-$root/../shared/bench/corpus.py}"
[ -f "$generator" ] || { echo "The corpus generator is not at $generator (set SESEC_CORPUS_GENERATOR)" >&2; exit 2; }

mkdir -p "$work"
work=$(cd "$work" && pwd)
run="$work/run-$items"
mkdir -p "$run"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
step() { printf '\n== %s\n' "$*" >&2; }

# 1. The corpus: articles : standards : policies = 6 : 3 : 1, seed 1 (the same bytes the peer systems load).
corpus="$work/corpus-$items.jsonl"
if [ ! -s "$corpus" ]; then
  step "Generating $items items with corpus.py"
  articles=$((items * 6 / 10)); standards=$((items * 3 / 10)); policies=$((items - articles - standards))
  python3 "$generator" --articles "$articles" --standards "$standards" --policies "$policies" --seed 1 > "$corpus.part"
  mv "$corpus.part" "$corpus"
fi
echo "Corpus: $corpus ($(du -h "$corpus" | cut -f1))" >&2

# 2. The portal in Release mode, and the bare engine's benchmark.
step "Publishing the portal and SearchEngineBench (Release)"
dotnet publish "$root/src/SesecPortal.Web" -c Release -o "$run/app" --nologo -v quiet -p:UseAppHost=false >&2
dotnet publish "$root/bench/SearchEngineBench" -c Release -o "$run/engine" --nologo -v quiet -p:UseAppHost=false >&2

# 3. Its own PostgreSQL, on a loopback port and a private socket directory.
pgdata="$run/pg"
pgport_file="$run/pg.port"
pg_ctl() { as_postgres "$pgbin/pg_ctl" -D "$pgdata" "$@"; }
stop_portal() {
  if [ -n "${portal_pid:-}" ]; then kill "$portal_pid" 2>/dev/null && wait "$portal_pid" 2>/dev/null; fi
  portal_pid=""
  return 0
}
stop_all() {
  stop_portal
  [ -z "$keep" ] && pg_ctl stop -m fast >/dev/null 2>&1
  return 0
}
trap stop_all EXIT
if [ -z "$skip_import" ] || [ ! -d "$pgdata" ]; then
  skip_import=""
  pg_ctl stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$pgdata"
  mkdir -p "$pgdata" "$run/socket"
  chmod 755 "$run" "$work"
  [ "$(id -u)" = 0 ] && chown postgres "$pgdata" "$run/socket"
  as_postgres "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  free_port > "$pgport_file"
fi
touch "$run/postgres.log"
[ "$(id -u)" = 0 ] && chown postgres "$run/postgres.log"
pgport=$(cat "$pgport_file")
# Settings for a dedicated database server with a few GB of RAM; durability (fsync, synchronous commit) stays on.
pg_ctl -l "$run/postgres.log" -w start -o "-p $pgport -k $run/socket -c listen_addresses=127.0.0.1 -c shared_buffers=1GB \
  -c effective_cache_size=4GB -c work_mem=16MB -c maintenance_work_mem=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min \
  -c jit=off -c max_connections=200" >/dev/null
connection="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=sesecbench;Maximum Pool Size=64"
# The search index of this run (the import writes it, the portal follows the change log into it).
index="$run/index"
export ConnectionStrings__Portal="$connection" Search__IndexPath="$index" ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1
psql_q() { "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d sesecbench -Atqc "$1"; }

# 4. Import (the portal's own command: migrates, seeds the newsletter issue, then imports the corpus).
import_line="(reused the database of the previous run)" searchable_line=""
if [ -z "$skip_import" ]; then
  rm -rf "$index"
  "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres sesecbench
  step "Importing $corpus"
  # Run from the app's folder: its content root (appsettings.json, wwwroot).
  (cd "$run/app" && /usr/bin/time -f "%M" -o "$run/import.rss" dotnet SesecPortal.Web.dll import "$corpus") > "$run/import.log" 2>&1 || true
  grep -E 'lines read|line [0-9]+' "$run/import.log" | head -20 >&2 || true
  import_line=$(grep -E 'lines read' "$run/import.log" | tail -1 || true)
  [ -n "$import_line" ] || { echo "The import failed: see $run/import.log" >&2; exit 1; }
  # The import then brings the index up to date and says when the last item became searchable.
  searchable_line=$(grep -E '^Searchable' "$run/import.log" | tail -1 || true)
  [ -n "$searchable_line" ] || searchable_line="(the import did not say when its last item became searchable: see $run/import.log)"
  psql_q "VACUUM ANALYZE" >/dev/null
fi

# 5. The portal in Release mode on a loopback port.
webport=$(free_port)
base="http://127.0.0.1:$webport"
start_portal() { # start_portal LOG
  # Workstation GC: on two cores the server GC's per-core heaps cost memory for no throughput (DOTNET_gcServer=1 to compare).
  (cd "$run/app" && Urls="$base" RateLimiting__ApiPerMinute=100000000 DOTNET_gcServer="${DOTNET_gcServer:-0}" exec dotnet SesecPortal.Web.dll) > "$1" 2>&1 &
  portal_pid=$!
}
wait_for() { # wait_for PATH SECONDS LOG: until PATH answers 200
  local until=$((SECONDS + $2))
  while [ "$SECONDS" -lt "$until" ]; do
    [ "$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$base$1")" = 200 ] && return 0
    kill -0 "$portal_pid" 2>/dev/null || { echo "The portal stopped: see $3" >&2; exit 1; }
    sleep 0.2
  done
  echo "The portal did not answer $1 within $2 s: see $3" >&2; exit 1
}
step "Starting the portal on $base"
start_portal "$run/portal.log"
wait_for /health 60 "$run/portal.log"
# Loaded once the index has caught up with the change log (after a fresh import it has: the import brought it up to date).
wait_for /health/ready 1800 "$run/portal.log"

# 6. What to load: one of each kind of page, picked from the database, and rotating lists for search and the finder.
article=$(psql_q "SELECT slug FROM articles WHERE status = 'Published' AND external_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM articles)")
standard=$(psql_q "SELECT slug FROM standards WHERE external_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM standards)")
issue=$(psql_q "SELECT slug FROM newsletter_issues WHERE status = 'Published' ORDER BY published_on DESC NULLS LAST LIMIT 1")
static=$(curl -fs "$base/" | grep -oE '/css/site\.css\?v=[A-Za-z0-9_-]+' | head -1)
[ -n "$static" ] || static=/css/site.css
python3 - "$root/bench/queries.txt" "$run" <<'PY'
import sys, urllib.parse
queries = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
run = sys.argv[2]
enc = lambda q: urllib.parse.quote_plus(q)
with open(f"{run}/search.paths", "w") as f:
    f.writelines(f"/search?q={enc(q)}\n" for q in queries)
with open(f"{run}/api-search.paths", "w") as f:
    f.writelines(f"/api/search?q={enc(q)}\n" for q in queries)
sectors = ["ict", "carbon", "cybersecurity", "energy-efficiency", "intelligent-manufacturing", "iot", "smart-cities", "medical-devices",
           "cosmetics", "product-safety", "digital-economy", "automotive", "ai", "construction", "data-protection"]
statuses = ["InForce", "DraftForComments", "Published", "Superseded", "Withdrawn"]
with open(f"{run}/standards.paths", "w") as f:
    for page in (1, 2, 3):
        for st in statuses:
            for se in sectors:
                f.write(f"/standards?sector={se}&status={st}" + (f"&page={page}" if page > 1 else "") + "\n")
# ICS filters at every level (a field, a group, a sub-group: a filter includes everything below it) and the CCS classes,
# each with the finder's facets (the CCS class facet among them) counted over its matches.
ics = ["35", "35.240", "35.240.30", "13.020", "13.020.40", "27.010", "33.070", "11.040", "71.100.70", "91.040", "43.120", "03.120.10", "29.160", "35.030", "97.180"]
ccs = list("ABCDEFGHJKLMNPQRSTUVWXYZ")
with open(f"{run}/ics.paths", "w") as f:
    for page in (1, 2, 3):
        for code in ics:
            for st in ("", "&status=InForce", "&status=Published", "&sector=ict", "&sector=carbon"):
                f.write(f"/standards?ics={code}{st}" + (f"&page={page}" if page > 1 else "") + "\n")
with open(f"{run}/ccs.paths", "w") as f:
    for page in (1, 2, 3):
        for c in ccs:
            for st in ("", "&status=InForce", "&sector=ict"):
                f.write(f"/standards?ccs={c}{st}" + (f"&page={page}" if page > 1 else "") + "\n")
with open(f"{run}/ics-pages.paths", "w") as f:
    f.write("/ics\n")
    f.writelines(f"/ics/{code}\n" for code in ics)
PY
echo "${#article}" >/dev/null
queries=$(wc -l < "$run/search.paths")
few=$((connections < 8 ? connections : 8))
# name|URL|paths file to rotate over|distinct|connections (default --connections)
rows=(
  "home|$base/|"
  "sector page|$base/sectors/ict|"
  "article page|$base/articles/$article|"
  "issue page|$base/issues/$issue|"
  "standard page|$base/standards/$standard|"
  "/standards, 2 filters|$base/standards?sector=ict&status=InForce|"
  "/standards, 225 filter sets|$base|$run/standards.paths"
  "/standards, 225 filter sets, every URL distinct (uncached)|$base|$run/standards.paths|distinct"
  "/standards, ICS filter ($(wc -l < "$run/ics.paths") sets, descendants included), every URL distinct|$base|$run/ics.paths|distinct"
  "/standards, CCS class filter ($(wc -l < "$run/ccs.paths") sets, CCS facet counted), every URL distinct|$base|$run/ccs.paths|distinct"
  "/ics tree and 15 ICS pages (counts at every level)|$base|$run/ics-pages.paths"
  "/search, $queries queries|$base|$run/search.paths"
  "/api/search, $queries queries|$base|$run/api-search.paths"
  "/search, $queries queries, $few connections|$base|$run/search.paths||$few"
  "/api/search, $queries queries, $few connections|$base|$run/api-search.paths||$few"
  "static file|$base$static|"
)
# The sitemap: the index, and the furthest file of the largest kind (a primary-key range, however far).
last_standards=$(curl -s "$base/sitemap.xml" | grep -o '/sitemaps/standards/[0-9]*\.xml' | tail -1)
[ -n "$last_standards" ] && rows+=("sitemap index|$base/sitemap.xml|" "sitemap, last standards file|$base$last_standards|")

# A request slower than 10 s counts as an error (wrk's default of 2 s would hide how slow the slow ones are).
load() { # load URL PATHS-FILE SECONDS [distinct] [connections]
  local c=${5:-$connections}
  if [ -n "$2" ]; then
    wrk -t"$threads" -c"$c" -d"$3"s --timeout 10s --latency -s "$root/bench/rotate.lua" "$1" -- "$2" ${4:-}
  else
    wrk -t"$threads" -c"$c" -d"$3"s --timeout 10s --latency "$1"
  fi
}

# Every URL answers 200 (or a redirect) before it is loaded.
for row in "${rows[@]}"; do
  IFS='|' read -r name url paths _ <<<"$row"
  probe=$url; [ -n "$paths" ] && probe="$url$(head -1 "$paths")"
  code=$(curl -s -o /dev/null -w '%{http_code}' "$probe")
  case "$code" in 200|301|302) ;; *) echo "$name: $probe answered $code" >&2; exit 1 ;; esac
done

step "Warming up (3 s per URL)"
for row in "${rows[@]}"; do
  IFS='|' read -r name url paths mode conns <<<"$row"
  load "$url" "$paths" 3 "$mode" "$conns" >/dev/null
done

step "Loading each URL for $duration s: wrk, $threads threads, $connections connections (unless the row says)"
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
table="| URL | requests/s | p50 (ms) | p99 (ms) | errors |"$'\n'"|---|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
  IFS='|' read -r name url paths mode conns <<<"$row"
  out=$(load "$url" "$paths" "$duration" "$mode" "$conns")
  echo "$out" > "$run/wrk-$(echo "$name" | tr -c 'a-zA-Z0-9' '-').txt"
  rps=$(echo "$out" | awk '/^Requests\/sec/ { printf "%.0f", $2 }')
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  errors=$(echo "$out" | awk '/Non-2xx or 3xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }')
  line="| $name | $rps | $p50 | $p99 | $errors |"
  echo "$line" >&2
  table+=$'\n'"$line"
done

# Search one request at a time: each query 5 times in turn (curl's total time, loopback included).
step "Search one request at a time: $queries queries, 5 rounds, curl"
one_at_a_time() { # one_at_a_time PATHS-FILE
  for _ in 1 2 3 4 5; do
    while read -r path; do
      curl -s -o /dev/null -w "%{http_code} %{time_total} $path\n" "$base$path"
    done < "$1"
  done | awk '{ ms = $2 * 1000; n++; sum += ms; if ($1 != 200) bad++; q[$3] += ms; c[$3]++; if (ms > m[$3]) m[$3] = ms; if (ms > max) max = ms }
    END { for (k in q) { mean = q[k] / c[k]; if (mean > worst) { worst = mean; wq = k } if (m[k] >= 50) slow++; distinct++ }
          printf "mean %.1f ms, slowest query mean %.1f ms (%s), slowest single %.1f ms; %d of %d queries with a request of 50 ms or more; %d answers not 200\n",
                 sum / n, worst, wq, max, slow, distinct, bad }'
}
sequential_search=$(one_at_a_time "$run/search.paths")
sequential_api=$(one_at_a_time "$run/api-search.paths")
echo "/search: $sequential_search" >&2
echo "/api/search: $sequential_api" >&2

rss_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$portal_pid/status")

# 7. Rebuild the index from PostgreSQL: stop the portal, take its index away (the bare engine gets it), start the portal
#    again and time until /health/ready answers 200 (ready waits until the index has caught up with the change log).
step "Rebuilding the index from PostgreSQL"
stop_portal
rm -rf "$run/engine-index"
[ -d "$index" ] || { echo "There is no index in $index to rebuild" >&2; exit 1; }
mv "$index" "$run/engine-index"
rebuild_started=$(date +%s.%N)
start_portal "$run/portal-rebuild.log"
wait_for /health/ready 1800 "$run/portal-rebuild.log"
rebuild_seconds=$(awk -v a="$rebuild_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
rebuild_rss_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$portal_pid/status")
rebuild_log=$(grep -oE 'Built the search index from the database: [^"{]*' "$run/portal-rebuild.log" | tail -1 | sed 's/ *$//' || true)
stop_portal
echo "Rebuilt in $rebuild_seconds s from start to ready ($rebuild_log)" >&2

# 8. The bare engine on the index the portal built, the same queries, as many threads as connections, nothing else
#    running (the portal is stopped; wrk, which shares the two cores with the portal in its rows, is not running either).
step "The bare engine: SearchEngineBench, $connections threads, $duration s"
dotnet "$run/engine/SearchEngineBench.dll" --reuse --index "$run/engine-index" --queries "$root/bench/queries.txt" \
  --threads "$connections" --seconds "$duration" --today "$(date -u +%Y-%m-%d)" > "$run/engine.txt" 2>&1 \
  || { echo "SearchEngineBench failed: see $run/engine.txt" >&2; exit 1; }
engine_line=$(grep -E '^[0-9]+ threads for' "$run/engine.txt" | tail -1 || true)
engine_sequential=$(grep -E '^Mean ' "$run/engine.txt" | tail -1 || true)
engine_rps=$(echo "$engine_line" | grep -oE '[0-9,]+ searches/s' | tr -d ',' | cut -d' ' -f1)
api_rps=$(echo "$table" | awk -F'|' -v n="/api/search, $queries queries" '{ gsub(/^ +| +$/, "", $2) } $2 == n { gsub(/ /, "", $3); print $3 }')
ratio=$(awk -v a="$api_rps" -v e="$engine_rps" 'BEGIN { if (e > 0) printf "%.0f %%", 100 * a / e; else print "?" }')
echo "$engine_line" >&2
import_rss_kb=$(cat "$run/import.rss" 2>/dev/null | tail -1 || echo "")
db_size=$(psql_q "SELECT pg_size_pretty(pg_database_size('sesecbench'))")
counts=$(psql_q "SELECT (SELECT count(*) FROM articles) || ' articles, ' || (SELECT count(*) FROM standards) || ' standards, ' || (SELECT count(*) FROM policies) || ' policies'")

report="$run/results.md"
{
  echo "## $items items — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"); .NET $(dotnet --version); PostgreSQL $("$pgbin/postgres" --version | awk '{ print $3 }'); wrk $threads threads, $connections connections, $duration s per URL, on 127.0.0.1."
  echo
  echo "$table"
  echo
  echo "- /search one request at a time (curl, 5 rounds): $sequential_search"
  echo "- /api/search one request at a time (curl, 5 rounds): $sequential_api"
  echo "- Bare engine (SearchEngineBench, same queries, on the index the portal built, portal stopped): $engine_line"
  echo "- Bare engine one at a time (5 rounds): $engine_sequential"
  echo "- /api/search at $connections connections: $api_rps req/s = **$ratio** of the bare engine's $engine_rps searches/s"
  echo "- Import: $import_line"
  [ -n "$searchable_line" ] && echo "- $searchable_line"
  echo "- Rebuild from PostgreSQL (portal stopped, index folder deleted, start until /health/ready 200): **$rebuild_seconds s**; $rebuild_log; peak RSS of that portal $((rebuild_rss_kb / 1024)) MB"
  [ -n "$import_rss_kb" ] && echo "- Peak RSS of the import command: $((import_rss_kb / 1024)) MB"
  echo "- Peak RSS of the portal (VmHWM, whole run): $((rss_kb / 1024)) MB (DOTNET_gcServer=${DOTNET_gcServer:-0})"
  echo "- Database: $db_size ($counts)"
} > "$report"
echo >&2
cat "$report"
