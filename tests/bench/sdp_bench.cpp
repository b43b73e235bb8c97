// SDP parse and write speed (RFC 8866 model) per corpus file, Chromium and Firefox, and the
// trickled candidate line. Prints figures only: median of repetitions, microseconds.
//   build/tests/bench/sdp_bench [--benchmark_filter=audio-video.offer]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "jingle/sdp/candidate.hpp"
#include "jingle/sdp/sdp.hpp"

namespace {

namespace fs = std::filesystem;
using namespace jinglegate::jingle::sdp;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> sdp_files(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".sdp") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void register_file(const std::string& label, const std::string& text) {
  const auto parsed = parse_sdp(text);
  if (!parsed) return;  // the unit tests report it; a benchmark only measures
  const Session session = *parsed;
  auto configure = [](benchmark::internal::Benchmark* b) {
    b->Unit(benchmark::kMicrosecond)->Repetitions(9)->ReportAggregatesOnly(true)->MinTime(0.05);
  };
  configure(benchmark::RegisterBenchmark(("parse/" + label).c_str(), [text](benchmark::State& st) {
    for (auto _ : st) benchmark::DoNotOptimize(parse_sdp(text));
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * text.size()));
  }));
  configure(benchmark::RegisterBenchmark(("write/" + label).c_str(), [session](benchmark::State& st) {
    for (auto _ : st) benchmark::DoNotOptimize(write_sdp(session));
  }));
}

void register_candidate() {
  const std::string line =
      "candidate:892388269 1 tcp 1518214911 192.0.2.2 9 typ host tcptype active generation 0 "
      "ufrag /NAu network-id 1";
  const auto c = *parse_candidate_line(line);
  benchmark::RegisterBenchmark("parse/candidate", [line](benchmark::State& st) {
    for (auto _ : st) benchmark::DoNotOptimize(parse_candidate_line(line));
  })->Unit(benchmark::kNanosecond);
  benchmark::RegisterBenchmark("write/candidate", [c](benchmark::State& st) {
    for (auto _ : st) benchmark::DoNotOptimize(write_candidate_line(c));
  })->Unit(benchmark::kNanosecond);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const fs::path corpus = JG_CORPUS_DIR;
  for (const auto& p : sdp_files(corpus)) register_file(p.stem().string(), read(p));
  for (const auto& p : sdp_files(corpus.parent_path() / "firefox")) register_file(p.stem().string(), read(p));
  register_candidate();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
