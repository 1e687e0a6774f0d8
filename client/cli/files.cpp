#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.h"

namespace pathwise::cli {

namespace fs = std::filesystem;

FileText read_file(const std::string& path, std::size_t max_bytes) {
  FileText result;
  std::error_code code;
  if (fs::is_directory(path, code)) {
    result.error = "it is a folder, not a file";
    return result;
  }
  std::uintmax_t size = fs::file_size(path, code);
  if (code) {
    result.error = code.message();
    return result;
  }
  if (size > max_bytes) {
    auto megabytes = [](std::uintmax_t bytes) {
      std::string text = std::to_string(bytes / (1024 * 1024));
      std::uintmax_t tenth = bytes % (1024 * 1024) * 10 / (1024 * 1024);
      return tenth ? text + "." + std::to_string(tenth) : text;
    };
    result.error = "the file is " + megabytes(size) + " MB, more than the limit of " + megabytes(max_bytes) +
                   " MB, so it was not read";
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.error = std::strerror(errno);
    return result;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  result.text = buffer.str();
  return result;
}

bool is_content_json(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  const std::string schema_suffix = ".schema.json";
  bool is_schema = name.size() >= schema_suffix.size() &&
                   name.compare(name.size() - schema_suffix.size(), schema_suffix.size(), schema_suffix) == 0;
  return fs::path(path).extension() == ".json" && !is_schema;
}

bool write_file_atomically(const std::string& path, const std::string& text, std::string& error) {
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot write " + temporary + ": " + std::strerror(errno);
      return false;
    }
    out << text;
    out.flush();
    if (!out) {
      error = "cannot write " + temporary + ": " + std::strerror(errno);
      return false;
    }
  }
  std::error_code code;
  fs::rename(temporary, path, code);
  if (code) {
    error = "cannot replace " + path + ": " + code.message();
    fs::remove(temporary, code);
    return false;
  }
  return true;
}

}  // namespace pathwise::cli
