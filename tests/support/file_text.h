#pragma once
// What a printer peer received, as text: a whole file, and how many times a document occurs
// in it (a sink that got a job twice holds it twice).

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace printline::testing {

// The file's bytes; empty when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Non-overlapping occurrences of needle (not empty) in haystack.
inline int occurrences(const std::string& haystack, const std::string& needle) {
  int count = 0;
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

}  // namespace printline::testing
