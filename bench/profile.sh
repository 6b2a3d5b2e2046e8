#!/usr/bin/env bash
# Instruction profile (not a test) of case records: poemsd (release) runs
# under valgrind's callgrind, which counts instructions, not seconds, so the
# figures repeat on a noisy machine. Three phases on one server, each dumped
# separately: N POST /v1/cases from 16 concurrent keep-alive connections
# (group commit), then N GET /v1/cases/{id}, then N 304 polls of that case.
# Then the bare libmicrohttpd ceiling (bench/ceiling.c) answers N GETs under
# callgrind too, as the baseline. Prints instructions per request and the
# top functions (self cost) of each phase.
#
#   bench/profile.sh [REQUESTS]     (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-2000}"
. bench/callgrind-prepare.sh   # valgrind, $out, the release build, $work, $db
.build/release/poemsd migrate --database "$db" >/dev/null
token=$(.build/release/poemsd keys create --name profile --role writer --database "$db" | grep '^poemsd_')
rm -f "$out"/callgrind*
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.%p" --dump-instr=no \
    "$work/poemsd" serve --port 18210 --database "$db" --threads 2 --log-level warning --rate-limit 0 \
    2> "$work/server.log" &
pid=$!
for _ in $(seq 600); do curl -sf localhost:18210/readyz >/dev/null && break; sleep 0.1; done

TOKEN="$token" REQUESTS="$requests" CALLGRIND_PID="$pid" python3 - "$out" <<'PY'
import http.client, json, os, subprocess, sys, threading
out, token, n, pid = sys.argv[1], os.environ["TOKEN"], int(os.environ["REQUESTS"]), os.environ["CALLGRIND_PID"]
body = open("bench/case.json", "rb").read()
auth = {"Authorization": "Bearer " + token}

def run(method, path, headers, expect, count, connections=16):
    def worker(share):
        connection = http.client.HTTPConnection("127.0.0.1", 18210, timeout=120)
        for _ in range(share):
            connection.request(method, path, body=body if method == "POST" else None, headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == expect, (method, path, response.status)
    threads = [threading.Thread(target=worker, args=(count // connections,)) for _ in range(connections)]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    return count // connections * connections

def control(*args):
    subprocess.run(["callgrind_control", *args, pid], check=True, stdout=subprocess.DEVNULL)

post = {**auth, "Content-Type": "application/json"}
run("POST", "/v1/cases", post, 201, 64)                       # warm-up
connection = http.client.HTTPConnection("127.0.0.1", 18210)
connection.request("POST", "/v1/cases", body=body, headers=post)
response = connection.getresponse(); response.read()
location, etag = response.getheader("Location"), response.getheader("ETag")
counts = {}
for phase, method, headers, expect in [("post", "POST", post, 201), ("get", "GET", auth, 200),
                                       ("poll", "GET", {**auth, "If-None-Match": etag}, 304)]:
    control("--zero")
    counts[phase] = run(method, "/v1/cases" if method == "POST" else location, headers, expect, n)
    control("--dump=" + phase)
json.dump(counts, open(os.path.join(out, "profile-counts.json"), "w"))
PY

kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""

# The ceiling, same client, same count.
cc -O2 -o "$out/ceiling" bench/ceiling.c -lmicrohttpd
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind-ceiling.%p" "$out/ceiling" 18211 2 2> "$work/ceiling.log" &
pid=$!
for _ in $(seq 600); do curl -sf localhost:18211/ >/dev/null && break; sleep 0.1; done
REQUESTS="$requests" CALLGRIND_PID="$pid" python3 - "$out" <<'PY'
import http.client, json, os, subprocess, sys, threading
out, n, pid = sys.argv[1], int(os.environ["REQUESTS"]), os.environ["CALLGRIND_PID"]
def worker(share):
    connection = http.client.HTTPConnection("127.0.0.1", 18211, timeout=120)
    for _ in range(share):
        connection.request("GET", "/")
        response = connection.getresponse(); response.read()
        assert response.status == 200
subprocess.run(["callgrind_control", "--zero", pid], check=True, stdout=subprocess.DEVNULL)
threads = [threading.Thread(target=worker, args=(n // 16,)) for _ in range(16)]
for thread in threads: thread.start()
for thread in threads: thread.join()
subprocess.run(["callgrind_control", "--dump=ceiling", pid], check=True, stdout=subprocess.DEVNULL)
counts = json.load(open(os.path.join(out, "profile-counts.json")))
counts["ceiling"] = n // 16 * 16
json.dump(counts, open(os.path.join(out, "profile-counts.json"), "w"))
PY
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
python3 - "$out" <<'PY'
import glob, json, os, re, subprocess, sys
out = sys.argv[1]
counts = json.load(open(os.path.join(out, "profile-counts.json")))
with open(os.path.join(out, "profile-summary.txt"), "w") as summary:
    for phase in ["post", "get", "poll", "ceiling"]:
        dump = next(path for path in glob.glob(os.path.join(out, "callgrind*.*"))
                    if re.search(r"^desc: Trigger: dump " + phase + r"$", open(path, errors="replace").read(), re.M))
        text = subprocess.run(["callgrind_annotate", "--threshold=100", dump],
                              capture_output=True, text=True).stdout
        total = int(re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", text).group(1).replace(",", ""))
        lines = [f"{phase}: {counts[phase]} requests, {total / counts[phase]:,.0f} instructions per request (server, all threads)"]
        rows = re.findall(r"^\s*([\d,]+) \(\s*([\d.]+)%\)\s+(\S.*)$", text, re.M)
        shown = 0
        for instructions, share, name in rows:
            if "PROGRAM TOTALS" in name or name.endswith(":clone [/usr/lib/x86_64-linux-gnu/libc.so.6]") or ":start_thread " in name: continue
            lines.append(f"  {share:>5}%  {name[:150]}")
            shown += 1
            if shown == 15: break
        print("\n".join(lines)); print()
        summary.write("\n".join(lines) + "\n\n")
PY
