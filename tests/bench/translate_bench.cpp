// Benchmark: SDP text -> <jingle/> XML text and back, the full path the component runs, for each
// corpus file (tests/data/corpus). Prints Google Benchmark medians (µs) and the share of SDP lines
// that survive the round trip. Run by tests/bench/run.sh beside the JavaScript converters.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "jingle/translate/translate.hpp"
#include "jingle/xml/xml_reader.hpp"

using namespace jinglegate::jingle;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ToJingleOptions options(const std::string& name, bool sdp_lines) {
  ToJingleOptions o;
  const bool answer = name.find(".answer.") != std::string::npos;
  o.action = answer ? Action::session_accept : Action::session_initiate;
  o.author = answer ? Role::responder : Role::initiator;
  o.sid = "a73sjjvkla37jfea";
  o.initiator = "alice@call.a.test/web1";
  o.sdp_lines = sdp_lines;
  return o;
}

// XML -> SDP with the expat parser kept between calls, as the daemon keeps its stream parser.
std::string xml_to_sdp(jinglegate::xml::DocumentReader& reader, const std::string& xml, Role author) {
  auto j = parse_jingle(xml, reader);
  ToSdpOptions o;
  o.author = author;
  auto s = to_sdp(*j, o);
  return jinglegate::jingle::sdp::write_sdp(*s);
}

double kept_share(const std::string& in, const std::string& out) {
  std::map<std::string, int> have;
  std::size_t total = 0, kept = 0;
  auto each = [](const std::string& text, auto f) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      const auto end = text.find("\r\n", pos);
      f(text.substr(pos, end - pos));
      if (end == std::string::npos) break;
      pos = end + 2;
    }
  };
  each(out, [&](std::string l) { ++have[l]; });
  each(in, [&](std::string l) {
    ++total;
    if (have[l]-- > 0) ++kept;
  });
  return total ? 100.0 * kept / total : 100.0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(JG_CORPUS_DIR))
    if (e.path().extension() == ".sdp") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    const std::string sdp = slurp(path);
    for (bool lines : {false, true}) {
      const auto o = options(name, lines);
      const std::string xml = *sdp_to_jingle_xml(sdp, o);
      const std::string tag = std::string(lines ? "lossless/" : "xep/") + name;
      benchmark::RegisterBenchmark(("sdp_to_xml/" + tag).c_str(), [sdp, o](benchmark::State& st) {
        for (auto _ : st) benchmark::DoNotOptimize(sdp_to_jingle_xml(sdp, o));
      })->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(("xml_to_sdp/" + tag).c_str(), [xml, o](benchmark::State& st) {
        jinglegate::xml::DocumentReader reader;
        for (auto _ : st) benchmark::DoNotOptimize(xml_to_sdp(reader, xml, o.author));
      })->Unit(benchmark::kMicrosecond);
      jinglegate::xml::DocumentReader reader;
      std::printf("kept %s %.1f%% (sdp %zu bytes, xml %zu bytes)\n", tag.c_str(),
                  kept_share(sdp, xml_to_sdp(reader, xml, o.author)), sdp.size(), xml.size());
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
