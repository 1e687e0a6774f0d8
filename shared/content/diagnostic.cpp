#include "content/diagnostic.h"

namespace pathwise {

std::string format_diagnostic(const Diagnostic& diagnostic) {
  std::string text = diagnostic.file;
  if (diagnostic.line > 0) {
    text += ':' + std::to_string(diagnostic.line) + ':' + std::to_string(diagnostic.column);
  }
  text += ": ";
  if (!diagnostic.pointer.empty()) text += diagnostic.pointer + ": ";
  if (diagnostic.severity == Severity::warning) text += "warning: ";
  text += diagnostic.message;
  return text;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.severity == Severity::error) return true;
  }
  return false;
}

std::string json_pointer_append(std::string_view pointer, std::string_view token) {
  std::string result;
  result.reserve(pointer.size() + token.size() + 1);
  result += pointer;
  result += '/';
  for (char c : token) {
    if (c == '~') result += "~0";
    else if (c == '/') result += "~1";
    else result += c;
  }
  return result;
}

std::string json_pointer_append(std::string_view pointer, std::size_t index) {
  return std::string(pointer) + '/' + std::to_string(index);
}

}  // namespace pathwise
