// Benchmark of the Jingle model (XEP-0166 family): parse_jingle and to_xml on the largest sample of
// tests/data/jingle/, with the layers under parse_jingle measured apart — expat alone (namespace
// parsing, handlers that do nothing), expat building the xml::Element tree, and read_jingle on a
// ready tree. Prints figures; asserts nothing.
#include <benchmark/benchmark.h>
#include <expat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "jingle/jingle.hpp"
#include "jingle/xml/xml_reader.hpp"

namespace {

namespace fs = std::filesystem;
using namespace jinglegate;

struct Sample {
  std::string name;
  std::string text;     // as stored: pretty-printed <iq/>
  std::string compact;  // to_xml() of its <jingle/>: what goes on the wire
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

fs::path samples_dir() { return fs::path(JG_CORPUS_DIR).parent_path() / "jingle"; }

Sample load(const fs::path& file) {
  Sample s;
  s.name = fs::relative(file, samples_dir()).string();
  s.text = read_file(file);
  auto j = jingle::parse_jingle(s.text);
  if (!j) {
    std::fprintf(stderr, "cannot parse %s: %s\n", s.name.c_str(), j.error().detail.c_str());
    std::exit(1);
  }
  s.compact = jingle::to_xml(*j);
  std::printf("%s: %zu bytes as stored, %zu bytes as written by to_xml\n", s.name.c_str(), s.text.size(),
              s.compact.size());
  return s;
}

// The largest sample, and Conversations' audio+video offer (a typical Chromium-sized call).
std::vector<Sample> samples() {
  fs::path biggest;
  std::uintmax_t size = 0;
  for (const auto& e : fs::recursive_directory_iterator(samples_dir())) {
    if (e.path().extension() == ".xml" && e.file_size() > size) {
      size = e.file_size();
      biggest = e.path();
    }
  }
  return {load(biggest), load(samples_dir() / "conversations" / "session-initiate.xml")};
}

void set_bytes(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

// Expat by itself: a namespace-aware parser whose handlers do nothing.
void expat_only(benchmark::State& state, const std::string& text) {
  XML_Parser p = XML_ParserCreateNS("UTF-8", '\x01');
  for (auto _ : state) {
    XML_ParserReset(p, "UTF-8");
    XML_SetElementHandler(p, [](void*, const char*, const char**) {}, [](void*, const char*) {});
    XML_SetCharacterDataHandler(p, [](void*, const char*, int) {});
    const auto status = XML_Parse(p, text.data(), static_cast<int>(text.size()), XML_TRUE);
    benchmark::DoNotOptimize(status);
  }
  XML_ParserFree(p);
  set_bytes(state, text.size());
}

// Expat building the xml::Element tree (xml::DocumentReader).
void expat_tree(benchmark::State& state, const std::string& text) {
  xml::DocumentReader reader;
  for (auto _ : state) {
    auto root = reader.parse(text);
    benchmark::DoNotOptimize(root);
  }
  set_bytes(state, text.size());
}

void parse_jingle(benchmark::State& state, const std::string& text) {
  xml::DocumentReader reader;
  for (auto _ : state) {
    auto j = jingle::parse_jingle(text, reader);
    benchmark::DoNotOptimize(j);
  }
  set_bytes(state, text.size());
}

// A fresh expat parser per call, as parse_jingle(std::string_view) does.
void parse_jingle_new_reader(benchmark::State& state, const std::string& text) {
  for (auto _ : state) {
    auto j = jingle::parse_jingle(text);
    benchmark::DoNotOptimize(j);
  }
  set_bytes(state, text.size());
}

void read_jingle_from_tree(benchmark::State& state, const std::string& text) {
  auto root = xml::parse(text);
  for (auto _ : state) {
    auto j = jingle::read_jingle(*root);
    benchmark::DoNotOptimize(j);
  }
}

void to_xml(benchmark::State& state, const std::string& text) {
  const auto j = jingle::parse_jingle(text);
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string out = jingle::to_xml(*j);
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  set_bytes(state, bytes);
}

}  // namespace

int main(int argc, char** argv) {
  static const std::vector<Sample> all = samples();
  for (const Sample& s : all) {
    const auto reg = [&](const char* what, void (*fn)(benchmark::State&, const std::string&), const std::string& text,
                         const char* form) {
      benchmark::RegisterBenchmark((std::string(what) + "/" + form + "/" + s.name).c_str(), fn, text)
          ->Unit(benchmark::kMicrosecond);
    };
    reg("expat_only", expat_only, s.text, "stored");
    reg("expat_tree", expat_tree, s.text, "stored");
    reg("parse_jingle", parse_jingle, s.text, "stored");
    reg("expat_only", expat_only, s.compact, "wire");
    reg("expat_tree", expat_tree, s.compact, "wire");
    reg("parse_jingle", parse_jingle, s.compact, "wire");
    reg("parse_jingle_new_reader", parse_jingle_new_reader, s.compact, "wire");
    reg("read_jingle_from_tree", read_jingle_from_tree, s.compact, "wire");
    reg("to_xml", to_xml, s.compact, "wire");
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
