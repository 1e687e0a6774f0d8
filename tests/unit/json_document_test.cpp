#include <doctest/doctest.h>

#include <string>

#include "content/json_document.h"

namespace json = pathwise::json;

TEST_CASE("values keep the line and column where they start") {
  const std::string text =
      "{\n"
      "  \"title\": \"Fractions\",\n"
      "  \"list\": [1, 2.5, true, null],\n"
      "  \"nested\": {\"é\": \"ü\", \"x\": -3}\n"
      "}\n";
  json::Document doc = json::parse(text, "t.json");
  REQUIRE(doc.ok);
  CHECK(doc.diagnostics.empty());
  const json::Value& root = doc.root;
  CHECK(root.kind == json::Kind::object);
  CHECK(root.position.line == 1);
  CHECK(root.position.column == 1);

  const json::Value* title = root.find("title");
  REQUIRE(title);
  CHECK(title->string() == "Fractions");
  CHECK(title->position.line == 2);
  CHECK(title->position.column == 12);
  CHECK(root.members()[0].key_position.line == 2);
  CHECK(root.members()[0].key_position.column == 3);

  const json::Value* list = root.find("list");
  REQUIRE(list);
  REQUIRE(list->elements().size() == 4);
  CHECK(list->elements()[0].is_integer);
  CHECK(list->elements()[0].integer() == 1);
  CHECK(list->elements()[1].number() == doctest::Approx(2.5));
  CHECK_FALSE(list->elements()[1].is_integer);
  CHECK(list->elements()[1].position.column == 15);
  CHECK(list->elements()[2].kind == json::Kind::boolean);
  CHECK(list->elements()[3].kind == json::Kind::null);

  // Columns count characters: "é" is two bytes but one column.
  const json::Value* nested = root.find("nested");
  REQUIRE(nested);
  CHECK(nested->find("é")->string() == "ü");
  CHECK(nested->find("x")->position.column == 29);
  CHECK(nested->find("x")->integer() == -3);
}

TEST_CASE("syntax errors say where and what, and leave no tree") {
  json::Document doc = json::parse("{\n  \"a\": 1,\n  \"b\": tru\n}", "bad.json");
  CHECK_FALSE(doc.ok);
  REQUIRE(doc.diagnostics.size() == 1);
  CHECK(doc.diagnostics[0].file == "bad.json");
  CHECK(doc.diagnostics[0].line == 3);
  CHECK(doc.diagnostics[0].message.find("not valid JSON") != std::string::npos);
  CHECK(doc.root.kind == json::Kind::null);
}

TEST_CASE("hostile inputs are refused with a message, never a crash") {
  SUBCASE("deep nesting") {
    std::string deep(100000, '[');
    json::Document doc = json::parse(deep, "deep.json");
    CHECK_FALSE(doc.ok);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].message.find("nested more than 64 levels") != std::string::npos);
  }
  SUBCASE("nesting right at the limit is fine") {
    std::string text = std::string(64, '[') + std::string(64, ']');
    CHECK(json::parse(text, "ok.json").ok);
    std::string deeper = std::string(65, '[') + std::string(65, ']');
    CHECK_FALSE(json::parse(deeper, "deep.json").ok);
  }
  SUBCASE("invalid UTF-8 in a string") {
    json::Document doc = json::parse("{\"a\": \"\xC3\x28\"}", "utf8.json");
    CHECK_FALSE(doc.ok);
    CHECK(doc.diagnostics.at(0).message.find("not UTF-8") != std::string::npos);
  }
  SUBCASE("an embedded NUL byte") {
    json::Document doc = json::parse(std::string("{\"a\": 1}\0{}", 11), "nul.json");
    CHECK_FALSE(doc.ok);
    CHECK(doc.diagnostics.at(0).message.find("NUL byte") != std::string::npos);
  }
  SUBCASE("larger than the limit") {
    json::Limits limits;
    limits.max_bytes = 10;
    json::Document doc = json::parse("[1,2,3,4,5,6,7,8,9]", "big.json", limits);
    CHECK_FALSE(doc.ok);
    CHECK(doc.diagnostics.at(0).message.find("more than the limit") != std::string::npos);
  }
  SUBCASE("empty text") {
    CHECK_FALSE(json::parse("", "empty.json").ok);
  }
  SUBCASE("trailing garbage") {
    CHECK_FALSE(json::parse("{} {}", "two.json").ok);
  }
}

TEST_CASE("a byte order mark is skipped and positions still match the editor's") {
  json::Document doc = json::parse("\xEF\xBB\xBF{\"a\": 1}", "bom.json");
  REQUIRE(doc.ok);
  CHECK(doc.root.find("a")->position.column == 7);
}

TEST_CASE("duplicate keys are kept in order and warned about") {
  json::Document doc = json::parse("{\"a\": 1, \"a\": 2}", "dup.json");
  REQUIRE(doc.ok);
  CHECK(doc.root.find("a")->integer() == 1);
  REQUIRE(doc.diagnostics.size() == 1);
  CHECK(doc.diagnostics[0].severity == pathwise::Severity::warning);
  CHECK(doc.diagnostics[0].pointer == "/a");
  CHECK(doc.diagnostics[0].column == 10);
}

TEST_CASE("large integers beyond int64 become doubles") {
  json::Document doc = json::parse("[18446744073709551615, -9223372036854775808]", "ints.json");
  REQUIRE(doc.ok);
  CHECK_FALSE(doc.root.elements()[0].is_integer);
  CHECK(doc.root.elements()[0].number() == doctest::Approx(1.8446744073709552e19));
  CHECK(doc.root.elements()[1].is_integer);
}

TEST_CASE("a minified document on one line gets exact columns, in one pass over the text") {
  // 100 000 members on a single line: resolving each position from the line's start would be quadratic.
  std::string text = "{";
  for (int i = 0; i < 100000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
  text += ",\"k7\":\"é\",\"last\":true}";
  json::Document doc = json::parse(text, "min.json");
  REQUIRE(doc.ok);
  const json::Member& last = doc.root.members().back();
  CHECK(last.key == "last");
  CHECK(last.key_position.line == 1);
  // Columns count characters: "é" is two bytes but one column.
  CHECK(last.key_position.column == static_cast<int>(text.size() - std::string("\"last\":true}").size()));
  REQUIRE(doc.diagnostics.size() == 1);  // the second "k7", found without comparing every pair of keys
  CHECK(doc.diagnostics[0].pointer == "/k7");
  CHECK(doc.diagnostics[0].severity == pathwise::Severity::warning);
}

TEST_CASE("strings with escapes are unescaped; others are views of the text") {
  const std::string text = R"({"plain": "abc", "esc\"aped": "a\"b\\c\n\u00e9\ud83d\ude00", "empty": "", "q": "\\"})";
  json::Document doc = json::parse(text, "s.json");
  REQUIRE(doc.ok);
  const json::Value* plain = doc.root.find("plain");
  REQUIRE(plain);
  CHECK(plain->string() == "abc");
  CHECK(plain->string().data() == text.data() + text.find("abc"));  // no copy
  const json::Value* escaped = doc.root.find("esc\"aped");
  REQUIRE(escaped);
  CHECK(escaped->string() == "a\"b\\c\n\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(doc.root.members()[1].key == "esc\"aped");
  CHECK(doc.root.find("empty")->string().empty());
  CHECK(doc.root.find("q")->string() == "\\");
  CHECK(doc.root.find("q")->position.column == static_cast<int>(text.rfind("\"\\\\\"")) + 1);
  // Accessors of another kind give neutral values.
  CHECK(plain->elements().empty());
  CHECK(plain->members().empty());
  CHECK(plain->number() == 0.0);
  CHECK(plain->find("x") == nullptr);
}

TEST_CASE("nested containers keep their children in order") {
  const std::string text = R"([[1, [2, 3], {"a": [4]}], [], {"b": {"c": [5, 6]}}, 7])";
  json::Document doc = json::parse(text, "n.json");
  REQUIRE(doc.ok);
  const json::Value& root = doc.root;
  REQUIRE(root.elements().size() == 4);
  const json::Value& first = root.elements()[0];
  REQUIRE(first.elements().size() == 3);
  CHECK(first.elements()[0].integer() == 1);
  CHECK(first.elements()[1].elements()[1].integer() == 3);
  CHECK(first.elements()[2].find("a")->elements()[0].integer() == 4);
  CHECK(root.elements()[1].elements().empty());
  CHECK(root.elements()[2].find("b")->find("c")->elements()[1].integer() == 6);
  CHECK(root.elements()[3].integer() == 7);
  CHECK(root.elements()[3].position.column == static_cast<int>(text.find('7')) + 1);
}
