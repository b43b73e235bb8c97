// Helpers for the Jingle model tests: sample files, parsing, element round trips.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "jingle/jingle.hpp"
#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_reader.hpp"
#include "jingle/xml/xml_writer.hpp"

namespace jgtest {

namespace fs = std::filesystem;
using namespace jinglegate;
using namespace jinglegate::jingle;

inline fs::path samples_dir() { return fs::path(JG_SOURCE_DIR) / "tests" / "data" / "jingle"; }

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Every sample, sorted: tests/data/jingle/<client>/<form>.xml.
inline std::vector<fs::path> sample_files() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(samples_dir()))
    if (e.is_regular_file() && e.path().extension() == ".xml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

inline xml::Element parse_xml(std::string_view text) {
  auto r = xml::parse(text);
  INFO(text);
  REQUIRE(r.ok());
  return std::move(r).value();
}

inline xml::Element load(const std::string& relative) { return parse_xml(read_file(samples_dir() / relative)); }

// The sample's <jingle/> (child of the <iq/>) or JMI payload (child of the <message/>).
inline const xml::Element& payload(const xml::Element& root) {
  for (const auto& c : root.children)
    if (c.is("jingle", ns::jingle) || is_jingle_message(c)) return c;
  FAIL("no <jingle/> or jingle-message payload in <" << root.name << "/>");
  return root;
}

inline Jingle read_sample(const std::string& relative) {
  const xml::Element root = load(relative);
  auto j = read_jingle(payload(root));
  INFO(relative << ": " << (j.ok() ? "" : j.error().detail));
  REQUIRE(j.ok());
  return std::move(j).value();
}

inline JingleMessage read_message_sample(const std::string& relative) {
  const xml::Element root = load(relative);
  auto m = read_jingle_message(payload(root));
  INFO(relative << ": " << (m.ok() ? "" : m.error().detail));
  REQUIRE(m.ok());
  return std::move(m).value();
}

// Writes one element with `write` and returns the markup.
template <class T, class Write>
std::string write_one(const T& value, Write write) {
  std::string out;
  xml::Writer w(out);
  write(w, value);
  return out;
}

// read(x) → write → read gives an equal model; returns the first model.
template <class Read, class Write>
auto round_trip(std::string_view markup, Read read, Write write) {
  const xml::Element e = parse_xml(markup);
  auto first = read(e);
  INFO(markup << "\n" << (first.ok() ? "" : first.error().detail));
  REQUIRE(first.ok());
  const std::string written = write_one(*first, write);
  INFO("written: " << written);
  const xml::Element again = parse_xml(written);
  auto second = read(again);
  REQUIRE(second.ok());
  CHECK(*second == *first);
  return std::move(first).value();
}

}  // namespace jgtest
