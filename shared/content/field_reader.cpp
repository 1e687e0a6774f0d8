#include "content/field_reader.h"

#include <algorithm>
#include <cmath>

namespace pathwise::content {

using json::Kind;
using json::Value;

namespace {


std::string number_text(double value) {
  std::string text = std::to_string(value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

void FieldReader::error(const json::Position& at, std::string_view pointer, std::string message) {
  diagnostics_.push_back({Severity::error, file_, at.line, at.column, std::string(pointer), std::move(message)});
  ++error_count_;
}

void FieldReader::warning(const json::Position& at, std::string_view pointer, std::string message) {
  diagnostics_.push_back({Severity::warning, file_, at.line, at.column, std::string(pointer), std::move(message)});
}

bool FieldReader::expect(const Value& value, std::string_view pointer, Kind kind) {
  if (value.kind == kind) return true;
  const char* wanted = kind == Kind::string   ? "a text (string)"
                       : kind == Kind::array  ? "a list (array)"
                       : kind == Kind::object ? "an object"
                                              : json::kind_description(kind);
  error(value.position, pointer, std::string("expected ") + wanted + " here, found " + json::kind_description(value.kind));
  return false;
}

const Value* FieldReader::member(const Value& object, std::string_view pointer, std::string_view key, Need need) {
  const Value* value = object.find(key);
  if (!value && need == Need::required) {
    error(object.position, pointer, "the required field " + quoted(key) + " is missing");
  }
  return value;
}

bool FieldReader::text(const Value& object, std::string_view pointer, std::string_view key, Need need,
                       std::string& out) {
  const Value* value = present(object, pointer, key, need, Kind::string);
  if (!value) return false;
  // A new string of exactly this size (assigning to an empty one would round a 16–29 byte text up to 30):
  // the Bundle keeps ~200 000 of them.
  out = std::string(value->string());
  return true;
}

bool FieldReader::number(const Value& object, std::string_view pointer, std::string_view key, Need need,
                         double& out) {
  const Value* value = present(object, pointer, key, need, Kind::number);
  if (!value) return false;
  out = value->number();
  return true;
}

bool FieldReader::number_in(const Value& object, std::string_view pointer, std::string_view key, Need need,
                            double low, double high, double& out) {
  double value = 0.0;
  if (!number(object, pointer, key, need, value)) return false;
  if (!(value >= low && value <= high)) {
    error(object.find(key)->position, json_pointer_append(pointer, key),
          quoted(key) + " must be between " + number_text(low) + " and " + number_text(high) + ", found " +
              number_text(value));
    return false;
  }
  out = value;
  return true;
}

bool FieldReader::boolean(const Value& object, std::string_view pointer, std::string_view key, Need need,
                          bool& out) {
  const Value* value = present(object, pointer, key, need, Kind::boolean);
  if (!value) return false;
  out = value->boolean;
  return true;
}

bool FieldReader::text_list(const Value& object, std::string_view pointer, std::string_view key, Need need,
                            std::vector<std::string>& out) {
  const Value* list = array(object, pointer, key, need);
  if (!list) return false;
  bool ok = true;
  out.clear();
  out.reserve(list->elements().size());
  for (std::size_t i = 0; i < list->elements().size(); ++i) {
    const Value& element = list->elements()[i];
    if (element.kind == Kind::string) {
      out.emplace_back(element.string());
    } else {
      expect(element, json_pointer_append(json_pointer_append(pointer, key), i), Kind::string);
      ok = false;
    }
  }
  return ok;
}

const Value* FieldReader::array(const Value& object, std::string_view pointer, std::string_view key, Need need) {
  return present(object, pointer, key, need, Kind::array);
}

const Value* FieldReader::object(const Value& object, std::string_view pointer, std::string_view key, Need need) {
  return present(object, pointer, key, need, Kind::object);
}

const Value* FieldReader::present(const Value& object, std::string_view pointer, std::string_view key, Need need,
                                  Kind kind) {
  const Value* value = member(object, pointer, key, need);
  if (!value) return nullptr;
  if (value->kind == kind) return value;
  // The pointer is built only here: reading a large bundle reads hundreds of thousands of fields.
  expect(*value, json_pointer_append(pointer, key), kind);
  return nullptr;
}

void FieldReader::warn_unknown_fields(const Value& object, std::string_view pointer,
                                      std::initializer_list<std::string_view> known) {
  for (const json::Member& member : object.members()) {
    if (std::find(known.begin(), known.end(), member.key) == known.end()) {
      warning(member.key_position, json_pointer_append(pointer, member.key),
              "unknown field " + quoted(member.key) + " is ignored (a newer Pathwise may use it, or it is misspelt)");
    }
  }
}

bool FieldReader::format_tag(const Value& root, std::string_view prefix, int supported, std::string_view noun) {
  std::string text;
  if (!this->text(root, "", "format", Need::required, text)) return false;
  const json::Position& at = root.find("format")->position;
  std::string expected = std::string(prefix) + std::to_string(supported);
  if (text.compare(0, prefix.size(), prefix) != 0) {
    error(at, "/format", "this is not a Pathwise " + std::string(noun) + ": \"format\" is " + quoted(text) +
                             ", expected " + quoted(expected));
    return false;
  }
  std::string_view version = std::string_view(text).substr(prefix.size());
  bool digits = !version.empty() && version.size() <= 6 && version.front() != '0' &&
                std::all_of(version.begin(), version.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    error(at, "/format", quoted(text) + " is not a " + std::string(noun) + " format this build knows");
    return false;
  }
  if (std::stoi(std::string(version)) > supported) {
    error(at, "/format",
          "this " + std::string(noun) + " was written for a newer Pathwise (format version " + std::string(version) +
              "; this build reads up to " + std::to_string(supported) + "): update Pathwise");
    return false;
  }
  return true;
}

bool FieldReader::id(const Value& object, std::string_view pointer, std::string_view noun, std::string& out) {
  if (!text(object, pointer, "id", Need::required, out)) return false;
  if (is_identifier(out)) return true;
  error(object.find("id")->position, json_pointer_append(pointer, "id"),
        std::string(noun) + " " + identifier_rule() + "; found " + quoted(out));
  return false;
}

bool is_version(std::string_view text) {
  return !text.empty() && text.size() <= 32 && text.front() != '.' && text.back() != '.' &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool is_identifier(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
  return id.front() != '-' && std::all_of(id.begin(), id.end(), allowed);
}

std::string identifier_rule() {
  return "may only hold lower-case letters a–z, digits and \"-\" (not first), at most 64 characters";
}

bool is_language_tag(std::string_view tag) {
  std::size_t start = 0;
  bool first = true;
  while (start <= tag.size()) {
    std::size_t end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    std::string_view subtag = tag.substr(start, end - start);
    auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    auto is_alnum = [&](char c) { return is_alpha(c) || (c >= '0' && c <= '9'); };
    if (first) {
      if (subtag.size() < 2 || subtag.size() > 3 || !std::all_of(subtag.begin(), subtag.end(), is_alpha)) return false;
      first = false;
    } else if (subtag.empty() || subtag.size() > 8 || !std::all_of(subtag.begin(), subtag.end(), is_alnum)) {
      return false;
    }
    if (end == tag.size()) return true;
    start = end + 1;
  }
  return false;
}

std::string relative_path_problem(std::string_view path, std::string_view what) {
  std::string name(what);
  if (path.empty()) return name + " is empty";
  if (path.front() == '/') return name + " must be relative, not start with \"/\"";
  if (path.find('\\') != std::string_view::npos) return name + " must use \"/\" between folders, not \"\\\"";
  if (path.find(':') != std::string_view::npos) return name + " must be a relative path, not a URL or drive";
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty()) return name + " has an empty folder name (\"//\" or a trailing \"/\")";
    if (segment == "..") return name + " leaves its folder (\"..\"); files must live inside it";
    if (end == path.size()) break;
    start = end + 1;
  }
  return {};
}

}  // namespace pathwise::content
