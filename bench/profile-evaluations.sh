#!/usr/bin/env bash
# Instruction profile (not a test) of POST /v1/evaluations: poemsd (release)
# under valgrind's callgrind, which counts instructions, not seconds, so the
# figures repeat on a noisy machine. N evaluations of bench/full-workup.json
# from 16 keep-alive connections after a warm-up, dumped alone; prints
# instructions per evaluation and the functions with the most inclusive and
# self cost (bench/results/profile-evaluations.txt).
#
#   bench/profile-evaluations.sh [REQUESTS]     (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-2000}"
. bench/callgrind-prepare.sh   # valgrind, $out, the release build, $work, $db
.build/release/poemsd migrate --database "$db" >/dev/null
token=$(.build/release/poemsd keys create --name profile --role reader --database "$db" | grep '^poemsd_')
rm -f "$out"/callgrind-evaluations.*
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind-evaluations.%p" --dump-instr=no \
    "$work/poemsd" serve --port 18212 --database "$db" --threads 2 --log-level warning --rate-limit 0 \
    2> "$work/server.log" &
pid=$!
for _ in $(seq 600); do curl -sf localhost:18212/readyz >/dev/null && break; sleep 0.1; done

TOKEN="$token" REQUESTS="$requests" CALLGRIND_PID="$pid" python3 - <<'PY'
import http.client, os, subprocess, threading
token, n, pid = os.environ["TOKEN"], int(os.environ["REQUESTS"]), os.environ["CALLGRIND_PID"]
body = open("bench/full-workup.json", "rb").read()
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
def run(count, connections=16):
    def worker(share):
        connection = http.client.HTTPConnection("127.0.0.1", 18212, timeout=120)
        for _ in range(share):
            connection.request("POST", "/v1/evaluations", body=body, headers=headers)
            response = connection.getresponse(); response.read()
            assert response.status == 200, response.status
    threads = [threading.Thread(target=worker, args=(count // connections,)) for _ in range(connections)]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    return count // connections * connections
run(64)  # warm-up
subprocess.run(["callgrind_control", "--zero", pid], check=True, stdout=subprocess.DEVNULL)
done = run(n)
subprocess.run(["callgrind_control", "--dump=evaluations", pid], check=True, stdout=subprocess.DEVNULL)
open("bench/results/profile-evaluations-count", "w").write(str(done))
PY
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
python3 - "$out" <<'PY'
import glob, os, re, subprocess, sys
out = sys.argv[1]
count = int(open(os.path.join(out, "profile-evaluations-count")).read())
dump = next(path for path in glob.glob(os.path.join(out, "callgrind-evaluations.*"))
            if re.search(r"^desc: Trigger: dump evaluations$", open(path, errors="replace").read(), re.M))
lines = []
for inclusive in ("yes", "no"):
    text = subprocess.run(["callgrind_annotate", "--threshold=100", "--inclusive=" + inclusive, dump],
                          capture_output=True, text=True).stdout
    total = int(re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", text).group(1).replace(",", ""))
    if inclusive == "yes":
        lines.append(f"POST /v1/evaluations: {count} requests, {total / count:,.0f} instructions per request (server, all threads)")
    lines.append("inclusive:" if inclusive == "yes" else "self:")
    rows = re.findall(r"^\s*([\d,]+) \(\s*([\d.]+)%\)\s+(\S.*)$", text, re.M)
    shown = 0
    for instructions, share, name in rows:
        if "PROGRAM TOTALS" in name: continue
        per = int(instructions.replace(",", "")) / count
        lines.append(f"  {per:>10,.0f}  {share:>5}%  {name[:140]}")
        shown += 1
        if shown == 30: break
print("\n".join(lines))
open(os.path.join(out, "profile-evaluations.txt"), "w").write("\n".join(lines) + "\n")
PY
