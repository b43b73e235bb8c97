#!/usr/bin/env bash
# Runs the translation benchmark (Release build, no sanitizers) and the JavaScript converters on the
# same corpus in the same run, and prints medians side by side. Not part of the test run.
#   tests/bench/run.sh [repetitions]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
reps=${1:-9}
cd "$root"
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DJG_TESTS=OFF >/dev/null
cmake --build build-bench --target translate_bench
(cd tests && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; })
out=$(mktemp -d)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
build-bench/tests/bench/translate_bench --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
  --benchmark_format=json --benchmark_out="$out/cpp.json" --benchmark_out_format=json >"$out/cpp.txt"
node tests/bench/js_converters.mjs tests/data/corpus >"$out/js.tsv"
python3 - "$out" <<'PY'
import json, sys, statistics
out = sys.argv[1]
cpp = {}
for b in json.load(open(f"{out}/cpp.json"))["benchmarks"]:
    if b.get("aggregate_name") != "median": continue
    direction, mode, name = b["run_name"].split("/", 2)
    cpp[(direction, mode, name)] = b["real_time"]
kept = {}
for line in open(f"{out}/cpp.txt"):
    if line.startswith("kept "):
        _, tag, pct = line.split()[:3]
        kept[tuple(tag.split("/", 1))] = float(pct.rstrip("%"))
js = {}
for line in open(f"{out}/js.tsv"):
    f, a, b, k = line.rstrip("\n").split("\t")
    js[f] = (float(a), float(b), float(k))
names = sorted(js)
print(f"{'file':36} {'StanzaJS s2x':>12} {'jg s2x':>8} {'x':>6} {'StanzaJS x2s':>12} {'jg x2s':>8} {'x':>6} {'kept js/xep/lossless %':>24}")
ratios_a, ratios_b = [], []
for n in names:
    a, b, k = js[n]
    ca, cb = cpp[("sdp_to_xml", "xep", n)], cpp[("xml_to_sdp", "xep", n)]
    ratios_a.append(a / ca); ratios_b.append(b / cb)
    print(f"{n:36} {a:12.1f} {ca:8.2f} {a/ca:6.0f} {b:12.1f} {cb:8.2f} {b/cb:6.0f} {k:8.1f}/{kept[('xep', n)]:5.1f}/{kept[('lossless', n)]:5.1f}")
med = lambda xs: statistics.median(xs)
print(f"{'median over files':36} {med([js[n][0] for n in names]):12.1f} {med([cpp[('sdp_to_xml','xep',n)] for n in names]):8.2f} {med(ratios_a):6.0f} "
      f"{med([js[n][1] for n in names]):12.1f} {med([cpp[('xml_to_sdp','xep',n)] for n in names]):8.2f} {med(ratios_b):6.0f}")
print(f"lossless mode medians: sdp_to_xml {med([cpp[('sdp_to_xml','lossless',n)] for n in names]):.2f} us, "
      f"xml_to_sdp {med([cpp[('xml_to_sdp','lossless',n)] for n in names]):.2f} us")
print(f"lines kept (mean over files): StanzaJS {statistics.mean(js[n][2] for n in names):.1f} %, "
      f"jinglegate XEP-only {statistics.mean(kept[('xep', n)] for n in names):.1f} %, lossless {statistics.mean(kept[('lossless', n)] for n in names):.1f} %")
PY
rm -rf "$out"
