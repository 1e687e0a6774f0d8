// See bundle_generator.h. The activities are generated one by one (each its own JSON text, so that its size is
// known), then assembled in the order of the real course files: metadata, skills, units, activities.
#include "bundle_generator.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>
#include <vector>

#include "content/seeded_random.h"

namespace pathwise::bench {

namespace {

// ---- Randomness: the core's SplitMix64 (integers only, so native and wasm write the same bytes) -------------

class Random {
 public:
  explicit Random(std::uint64_t seed) : generator_(seed) {}

  std::uint64_t next() { return generator_.next(); }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  int range(int low, int high) { return low + static_cast<int>(below(static_cast<std::size_t>(high - low + 1))); }
  bool chance(int per_mille) { return static_cast<int>(below(1000)) < per_mille; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }
  template <typename T>
  const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }
  // `count` distinct indices below `n`, in random order (count <= n).
  std::vector<std::size_t> distinct(std::size_t n, std::size_t count) {
    std::vector<std::size_t> all(n);
    for (std::size_t i = 0; i < n; ++i) all[i] = i;
    for (std::size_t i = 0; i < count; ++i) std::swap(all[i], all[i + below(n - i)]);
    all.resize(count);
    return all;
  }

 private:
  SplitMix64 generator_;
};

// ---- Numbers and strings, written from integers ----------------------------------------------------------------

std::string num(long long value) { return std::to_string(value); }

// `scaled` / 10^decimals without trailing zeros: fixed(-15, 1) == "-1.5", fixed(150, 2) == "1.5".
std::string fixed(long long scaled, int decimals) {
  bool negative = scaled < 0;
  unsigned long long magnitude = negative ? static_cast<unsigned long long>(-scaled) : static_cast<unsigned long long>(scaled);
  unsigned long long power = 1;
  for (int i = 0; i < decimals; ++i) power *= 10;
  std::string text = std::to_string(magnitude / power);
  std::string fraction = std::to_string(magnitude % power);
  fraction.insert(0, static_cast<std::size_t>(decimals) - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) text += "." + fraction;
  return (negative && text != "0") ? "-" + text : text;
}

std::string frac(long long a, long long b) { return "$" + num(a) + "/" + num(b) + "$"; }

long long gcd(long long a, long long b) {
  while (b != 0) {
    long long t = a % b;
    a = b;
    b = t;
  }
  return a < 0 ? -a : a;
}

// ---- A small JSON writer with the three layouts --------------------------------------------------------------

class Json {
 public:
  // `depth`: how deep the first value written sits in the whole document (for indentation and layout).
  Json(Layout layout, int depth) : layout_(layout), base_depth_(depth) {}

  std::string take() { return std::move(out_); }

  Json& begin_object() { return open('{'); }
  Json& end_object() { return close('}'); }
  Json& begin_array() { return open('['); }
  Json& end_array() { return close(']'); }

  Json& key(std::string_view name) {
    item_prefix();
    append_string(name);
    out_ += layout_ == Layout::pretty ? ": " : ":";
    after_key_ = true;
    return *this;
  }
  Json& string(std::string_view text) {
    value_prefix();
    append_string(text);
    return *this;
  }
  Json& number(std::string_view literal) {
    value_prefix();
    out_ += literal;
    return *this;
  }
  Json& integer(long long value) { return number(num(value)); }
  Json& boolean(bool value) { return number(value ? "true" : "false"); }
  Json& raw(std::string_view json) {  // an already-written value (written for this depth)
    value_prefix();
    out_ += json;
    return *this;
  }

  // Shorthands for members.
  Json& field(std::string_view name, std::string_view text) { return key(name).string(text); }
  Json& field_number(std::string_view name, std::string_view literal) { return key(name).number(literal); }
  Json& field_integer(std::string_view name, long long value) { return key(name).integer(value); }
  Json& field_bool(std::string_view name, bool value) { return key(name).boolean(value); }
  Json& field_strings(std::string_view name, const std::vector<std::string>& texts) {
    key(name).begin_array();
    for (const std::string& text : texts) string(text);
    return end_array();
  }

 private:
  struct Open {
    bool expanded;
    int count;
  };

  int depth() const { return base_depth_ + static_cast<int>(stack_.size()); }
  bool expanded_at(int depth) const {
    return layout_ == Layout::pretty || (layout_ == Layout::lines && depth < 2);
  }
  void newline(int depth) {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(2 * depth), ' ');
  }
  void item_prefix() {
    if (stack_.empty()) return;
    Open& open = stack_.back();
    if (open.count++ > 0) out_ += ',';
    if (open.expanded) newline(depth());
  }
  void value_prefix() {
    if (after_key_) after_key_ = false;
    else item_prefix();
  }
  Json& open(char bracket) {
    value_prefix();
    out_ += bracket;
    stack_.push_back({expanded_at(depth()), 0});
    return *this;
  }
  Json& close(char bracket) {
    Open open = stack_.back();
    stack_.pop_back();
    if (open.expanded && open.count > 0) newline(depth());
    out_ += bracket;
    return *this;
  }
  void append_string(std::string_view text) {
    out_ += '"';
    for (char c : text) {
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\t': out_ += "\\t"; break;
        default: out_ += c;
      }
    }
    out_ += '"';
  }

  Layout layout_;
  int base_depth_;
  std::string out_;
  std::vector<Open> stack_;
  bool after_key_ = false;
};

// ---- Vocabulary ------------------------------------------------------------------------------------------------

enum Family { maths = 0, spanish = 1, science = 2 };

struct Topic {
  const char* id;
  const char* title;
};

const Topic kMathsTopics[] = {
    {"unit-fractions", "Unit fractions"},           {"fractions-of-shapes", "Fractions of a shape"},
    {"fractions-of-sets", "Fractions of a group"},  {"number-line", "Fractions on a number line"},
    {"equivalent", "Equivalent fractions"},         {"simplify", "Simplest form"},
    {"compare", "Comparing fractions"},             {"mixed-numbers", "Mixed numbers"},
    {"add-like", "Adding like fractions"},          {"subtract-like", "Subtracting like fractions"},
    {"add-unlike", "Adding unlike fractions"},      {"multiply", "Multiplying fractions"},
    {"fraction-of-amount", "Fractions of amounts"}, {"decimals", "Fractions and decimals"},
    {"percentages", "Fractions and percentages"},   {"ratio", "Ratio and proportion"}};
const Topic kSpanishTopics[] = {
    {"greetings", "Greetings"},         {"numbers", "Numbers"},           {"colours", "Colours"},
    {"family", "Family"},               {"food", "Food and drink"},       {"school", "At school"},
    {"verbs-ar", "Regular -ar verbs"},  {"verbs-er", "Regular -er verbs"}, {"verbs-ir", "Regular -ir verbs"},
    {"ser-estar", "Ser and estar"},     {"articles", "Articles and gender"}, {"plurals", "Plurals"},
    {"questions", "Asking questions"},  {"time", "Telling the time"},    {"weather", "The weather"},
    {"house", "At home"}};
const Topic kScienceTopics[] = {
    {"photosynthesis", "Photosynthesis"},   {"leaf-structure", "Inside a leaf"},  {"food-chains", "Food chains"},
    {"energy-transfer", "Energy transfer"}, {"decomposers", "Decomposers"},      {"cells", "Cells"},
    {"respiration", "Respiration"},         {"habitats", "Habitats"},            {"adaptation", "Adaptation"},
    {"water-cycle", "The water cycle"},     {"states-of-matter", "States of matter"}, {"forces", "Forces"},
    {"limiting-factors", "Limiting factors"}, {"populations", "Populations"},    {"soil", "Soil and minerals"},
    {"plant-transport", "Transport in plants"}};

struct Word {
  const char* spanish;
  const char* english;
  bool feminine;
};
const Word kNouns[] = {
    {"libro", "book", false},     {"mesa", "table", true},        {"canción", "song", true},
    {"árbol", "tree", false},     {"ventana", "window", true},    {"perro", "dog", false},
    {"gato", "cat", false},       {"manzana", "apple", true},     {"coche", "car", false},
    {"casa", "house", true},      {"mañana", "morning", true},    {"niño", "boy", false},
    {"niña", "girl", true},       {"pájaro", "bird", false},      {"escuela", "school", true},
    {"lápiz", "pencil", false},   {"leche", "milk", true},        {"pan", "bread", false},
    {"playa", "beach", true},     {"jardín", "garden", false},    {"película", "film", true},
    {"médico", "doctor", false},  {"música", "music", true},      {"ciudad", "city", true},
    {"camión", "lorry", false},   {"universidad", "university", true}, {"día", "day", false},
    {"mapa", "map", false},       {"mano", "hand", true},         {"televisión", "television", true},
    {"queso", "cheese", false},   {"naranja", "orange", true},    {"hermano", "brother", false},
    {"hermana", "sister", true},  {"profesor", "teacher", false},  {"cocina", "kitchen", true}};

struct Verb {
  const char* infinitive;
  const char* english;
  const char* yo;
  const char* tu;
  const char* el;
  const char* object;
  const char* object_english;
};
const Verb kVerbs[] = {
    {"hablar", "speak", "hablo", "hablas", "habla", "español", "Spanish"},
    {"estudiar", "study", "estudio", "estudias", "estudia", "matemáticas", "maths"},
    {"trabajar", "work", "trabajo", "trabajas", "trabaja", "en casa", "at home"},
    {"escuchar", "listen to", "escucho", "escuchas", "escucha", "la radio", "the radio"},
    {"comer", "eat", "como", "comes", "come", "pan", "bread"},
    {"beber", "drink", "bebo", "bebes", "bebe", "agua", "water"},
    {"leer", "read", "leo", "lees", "lee", "un libro", "a book"},
    {"aprender", "learn", "aprendo", "aprendes", "aprende", "inglés", "English"},
    {"vivir", "live", "vivo", "vives", "vive", "en Madrid", "in Madrid"},
    {"escribir", "write", "escribo", "escribes", "escribe", "una carta", "a letter"},
    {"abrir", "open", "abro", "abres", "abre", "la puerta", "the door"},
    {"caminar", "walk", "camino", "caminas", "camina", "al parque", "to the park"}};

const char* const kNumberWords[] = {"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho",
                                    "nueve", "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis",
                                    "diecisiete", "dieciocho", "diecinueve", "veinte"};

struct Term {
  const char* term;
  const char* meaning;
};
const Term kScienceTerms[] = {
    {"chlorophyll", "the green substance in chloroplasts that absorbs light energy"},
    {"stomata", "tiny pores on the underside of a leaf that let gases in and out"},
    {"producer", "an organism that makes its own food, usually by photosynthesis"},
    {"consumer", "an organism that gets its energy by eating other organisms"},
    {"decomposer", "an organism that breaks down dead material and returns minerals to the soil"},
    {"herbivore", "an animal that eats only plants"},
    {"carnivore", "an animal that eats only other animals"},
    {"xylem", "tubes that carry water and minerals up from the roots"},
    {"phloem", "tubes that carry sugars from the leaves to the rest of the plant"},
    {"habitat", "the place where an organism lives"},
    {"predator", "an animal that hunts other animals for food"},
    {"prey", "an animal that is hunted and eaten by another"},
    {"mitochondria", "the parts of a cell where respiration releases energy"},
    {"nucleus", "the part of a cell that controls it and holds its genetic material"},
    {"evaporation", "liquid water turning into water vapour"},
    {"condensation", "water vapour cooling and turning back into liquid water"},
    {"friction", "a force that slows down surfaces sliding past each other"},
    {"adaptation", "a feature that helps an organism survive in its habitat"},
    {"guard cells", "the pair of cells that open and close a stoma"},
    {"glucose", "the sugar that photosynthesis makes"}};

const char* const kMisconceptions[] = {
    "add-denominators", "part-to-part", "numerator-denominator-swap", "bigger-denominator-bigger-fraction",
    "unequal-parts", "fraction-as-digits", "gender-by-ending", "person-agreement", "infinitive-not-conjugated",
    "false-friend", "plants-get-food-from-soil", "light-is-a-substance", "reactants-products-swapped",
    "energy-is-recycled", "arrows-mean-eats"};

const char* const kPictures[] = {"pizza-4-slices", "chocolate-bar", "number-line-0-2", "fraction-wall", "cake-8",
                                 "market-stall", "classroom", "family-tree", "clock-face", "leaf-section",
                                 "food-web-pond", "chloroplast", "water-cycle", "animal-cell", "plant-cell"};

// ---- The generator ------------------------------------------------------------------------------------------

struct SkillInfo {
  std::string id;
  std::string title;
  Family family = maths;
  std::size_t topic = 0;
  std::vector<std::size_t> prerequisites;
  std::vector<std::string> activity_ids;  // the lesson's display order
};

enum Type {
  single_choice, multiple_select, true_false, numeric, short_text, cloze, ordering, matching, flashcard, reading,
  video, parameterized
};
const char* const kTypeNames[] = {"single_choice", "multiple_select", "true_false", "numeric", "short_text", "cloze",
                                  "ordering",      "matching",        "flashcard",  "reading", "video", "parameterized"};
const char* const kTypeTags[] = {"sc", "ms", "tf", "num", "st", "cloze", "ord", "match", "card", "read", "video", "tpl"};

// A choice for single_choice / multiple_select.
struct Option {
  std::string text;
  bool correct = false;
  std::string feedback;
  std::string misconception;
};

class Generator {
 public:
  explicit Generator(const BundleSpec& spec) : spec_(spec), random_(spec.seed) {}

  GeneratedBundle run();

 private:
  // Skills and their display.
  void make_skills();
  std::string skill_json(const SkillInfo& skill);
  std::string units_json(GeneratedBundle& out);

  // Activities.
  Type pick_type();
  std::string activity(std::size_t index, Type type);
  void common_start(Json& json, const std::string& id, Type type, const SkillInfo& skill);
  void hints(Json& json, Family family, int per_mille);
  void hints_and_explanation(Json& json, Family family);
  void media(Json& json);

  void write_single_choice(Json& json, const SkillInfo& skill);
  void write_multiple_select(Json& json, const SkillInfo& skill);
  void write_true_false(Json& json, const SkillInfo& skill, bool checkpoint);
  void write_numeric(Json& json, const SkillInfo& skill);
  void write_short_text(Json& json, const SkillInfo& skill, bool checkpoint);
  void write_cloze(Json& json, const SkillInfo& skill);
  void write_ordering(Json& json, const SkillInfo& skill);
  void write_matching(Json& json, const SkillInfo& skill);
  void write_flashcard(Json& json, const SkillInfo& skill);
  void write_reading(Json& json, const SkillInfo& skill);
  void write_video(Json& json, const SkillInfo& skill);
  void write_parameterized(Json& json, const SkillInfo& skill);
  void write_choices(Json& json, const std::vector<Option>& options);
  void checkpoint_question(Json& json, const SkillInfo& skill);

  // Content.
  std::vector<Option> choice_question(Family family, std::string& prompt, std::string& explanation);
  std::string sentence(Family family);
  std::string paragraph(Family family, int sentences);
  std::string hint(Family family);
  std::string feedback_sentence(Family family);
  const char* misconception() { return random_.pick(kMisconceptions); }
  std::string noun_with_article(const Word& word, bool right_article = true) const {
    bool feminine = word.feminine != !right_article;
    // "el agua"-style exceptions are avoided by the word list.
    return std::string(feminine ? "la " : "el ") + word.spanish;
  }

  const BundleSpec& spec_;
  Random random_;
  std::vector<SkillInfo> skills_;
  std::size_t next_id_ = 0;
};

// ---- Skills, units ----------------------------------------------------------------------------------------

void Generator::make_skills() {
  // Small bundles get fewer skills (about 20 activities each at least), so that every skill is practised.
  const std::size_t count = std::max<std::size_t>(std::min(spec_.skills, spec_.target_bytes / 500 / 20), 3);
  // Skills of a family follow each other; prerequisites point backwards inside the family, so the graph is a DAG.
  std::size_t per_family = (count + 2) / 3;
  for (std::size_t i = 0; i < count; ++i) {
    SkillInfo skill;
    skill.family = static_cast<Family>(std::min<std::size_t>(i / per_family, 2));
    std::size_t in_family = i - static_cast<std::size_t>(skill.family) * per_family;
    const Topic* topics = skill.family == maths ? kMathsTopics : skill.family == spanish ? kSpanishTopics : kScienceTopics;
    skill.topic = in_family % 16;
    std::size_t part = in_family / 16 + 1;
    skill.id = std::string(topics[skill.topic].id) + "-" + num(static_cast<long long>(part));
    skill.title = std::string(topics[skill.topic].title) + ", part " + num(static_cast<long long>(part));
    if (in_family > 0) {
      int wanted = random_.range(1, 3);
      std::set<std::size_t> chosen;
      for (int k = 0; k < wanted; ++k) {
        // Mostly recent skills (a chain with shortcuts), sometimes an early one.
        std::size_t back = random_.chance(700) ? 1 + random_.below(std::min<std::size_t>(in_family, 8))
                                               : 1 + random_.below(in_family);
        chosen.insert(i - back);
      }
      skill.prerequisites.assign(chosen.begin(), chosen.end());
    }
    skills_.push_back(std::move(skill));
  }
}

std::string Generator::skill_json(const SkillInfo& skill) {
  Json json(spec_.layout, 2);
  json.begin_object().field("id", skill.id).field("title", skill.title);
  static const char* const kDescriptions[] = {
      "Recognise it, name it and use it in short problems.",
      "Explain the idea in your own words and apply it to new examples.",
      "Work with it quickly and accurately, including in word problems.",
      "Spot the common mistakes and say why they are wrong."};
  json.field("description", random_.pick(kDescriptions));
  json.key("prerequisites").begin_array();
  for (std::size_t p : skill.prerequisites) json.string(skills_[p].id);
  json.end_array();
  if (random_.chance(400)) {
    json.key("bkt").begin_object()
        .field_number("prior", fixed(random_.range(5, 30), 2))
        .field_number("learn", fixed(random_.range(10, 30), 2))
        .field_number("guess", fixed(random_.range(10, 30), 2))
        .field_number("slip", fixed(random_.range(5, 15), 2))
        .end_object();
  }
  if (random_.chance(150)) json.field_number("mastery_threshold", fixed(random_.range(90, 97), 2));
  json.end_object();
  return json.take();
}

std::string Generator::units_json(GeneratedBundle& out) {
  Json json(spec_.layout, 1);
  json.begin_array();
  const std::size_t per_unit = std::max<std::size_t>(spec_.lessons_per_unit, 1);
  for (std::size_t first = 0; first < skills_.size(); first += per_unit) {
    Json unit(spec_.layout, 2);
    std::size_t number = first / per_unit + 1;
    unit.begin_object()
        .field("id", "unit-" + num(static_cast<long long>(number)))
        .field("title", "Unit " + num(static_cast<long long>(number)) + ": " + skills_[first].title);
    unit.key("lessons").begin_array();
    for (std::size_t s = first; s < std::min(first + per_unit, skills_.size()); ++s) {
      unit.begin_object()
          .field("id", "lesson-" + skills_[s].id)
          .field("title", skills_[s].title)
          .field_strings("skills", {skills_[s].id})
          .field_strings("activities", skills_[s].activity_ids)
          .end_object();
      ++out.lessons;
    }
    unit.end_array().end_object();
    json.raw(unit.take());
    ++out.units;
  }
  json.end_array();
  return json.take();
}

// ---- Activities -------------------------------------------------------------------------------------------

Type Generator::pick_type() {
  // Per mille, modelled on content/*/course.json (392 activities) with parameterized held at ~2 %.
  int roll = random_.range(0, 999);
  if (roll < spec_.template_per_mille) return parameterized;
  // The rest is shared in these proportions.
  static const std::pair<Type, int> kShares[] = {
      {single_choice, 190}, {true_false, 135}, {numeric, 110}, {short_text, 115}, {flashcard, 135},
      {reading, 75},        {cloze, 65},       {matching, 65}, {ordering, 60},   {multiple_select, 60},
      {video, 5}};
  int total = 0;
  for (const auto& share : kShares) total += share.second;
  int at = random_.range(0, total - 1);
  for (const auto& [type, share] : kShares) {
    if (at < share) return type;
    at -= share;
  }
  return single_choice;
}

void Generator::common_start(Json& json, const std::string& id, Type type, const SkillInfo& skill) {
  json.begin_object().field("id", id).field("type", kTypeNames[type]);
  json.key("skills").begin_array().string(skill.id);
  if (!skill.prerequisites.empty() && random_.chance(150)) json.string(skills_[skill.prerequisites.front()].id);
  json.end_array();
}

std::string Generator::sentence(Family family) {
  switch (family) {
    case maths: {
      int b = random_.range(2, 12);
      int a = random_.range(1, b - 1);
      int k = random_.range(2, 5);
      switch (random_.below(6)) {
        case 0: return "The bottom number, the *denominator*, says how many **equal** parts make the whole.";
        case 1: return "Multiplying the top and the bottom by " + num(k) + " gives " + frac(a * k, b * k) +
                       ", which is the same amount as " + frac(a, b) + ".";
        case 2: return "On a number line from 0 to 1, " + frac(a, b) + " is " + num(a) + " of " + num(b) +
                       " equal steps from 0.";
        case 3: return "To add fractions with the same denominator, add the numerators: " + frac(a, b) + " + " +
                       frac(1, b) + " = " + frac(a + 1, b) + ".";
        case 4: return "$\\frac{" + num(a) + "}{" + num(b) + "}$ of " + num(b * k) + " is " + num(a * k) +
                       ", because one part is " + num(k) + ".";
        default: return "A fraction with 1 on top, like " + frac(1, b) + ", is a **unit fraction**: one equal part.";
      }
    }
    case spanish: {
      const Word& word = random_.pick(kNouns);
      const Verb& verb = random_.pick(kVerbs);
      switch (random_.below(5)) {
        case 0: return "*" + noun_with_article(word) + "* means *the " + word.english + "*; learn every noun with its article.";
        case 1: return std::string("With **yo** the verb ends in -o: *yo ") + verb.yo + " " + verb.object + "* (I " +
                       verb.english + " " + verb.object_english + ").";
        case 2: return std::string("Questions open with **¿** and exclamations with **¡**: *¿Qué tal?*, *¡Hola!*");
        case 3: return std::string("To a friend say *tú ") + verb.tu + "*; about someone else, *él " + verb.el + "* or *ella " +
                       verb.el + "*.";
        default: return std::string("Nouns ending in -ción, -sión and -dad are feminine: *la canción*, *la ciudad*.");
      }
    }
    case science: {
      const Term& term = random_.pick(kScienceTerms);
      switch (random_.below(5)) {
        case 0: return "A **" + std::string(term.term) + "** is " + term.meaning + ".";
        case 1: return "Photosynthesis turns carbon dioxide ($CO_2$) and water ($H_2O$) into glucose and oxygen, "
                       "using **light energy**.";
        case 2: return "Only about " + num(random_.range(5, 15)) + " % of the energy at one level of a food chain "
                       "reaches the next; the rest is lost, mostly as heat.";
        case 3: return "Glucose ($C_6H_{12}O_6$) is built from the carbon in *carbon dioxide*, not from the soil.";
        default: return "Decomposers break down dead leaves and droppings, returning minerals such as nitrates to the soil.";
      }
    }
  }
  return {};
}

std::string Generator::paragraph(Family family, int sentences) {
  std::string text;
  for (int i = 0; i < sentences; ++i) {
    if (i > 0) text += ' ';
    text += sentence(family);
  }
  return text;
}

std::string Generator::hint(Family family) {
  switch (family) {
    case maths: {
      static const char* const kHints[] = {
          "How many equal parts make the whole? That number goes on the bottom.",
          "Draw a bar and cut it into equal parts first.",
          "Are the pieces the same size? Only then can you compare the numerators.",
          "Find a common denominator before you add.",
          "Count the shaded parts: that is the top number."};
      return random_.pick(kHints);
    }
    case spanish: {
      static const char* const kHints[] = {
          "Look at the ending of the verb: who is doing the action?",
          "Is the noun masculine or feminine? Check the article.",
          "Question words carry a written accent: *¿cómo?*, *¿qué?*, *¿dónde?*",
          "*tú* forms end in -s: *hablas*, *comes*, *vives*.",
          "Read the sentence aloud; which form sounds right?"};
      return random_.pick(kHints);
    }
    case science: {
      static const char* const kHints[] = {
          "Think of the word equation: what goes in, and what comes out?",
          "Follow the arrows: they show where the energy goes.",
          "Which part of the plant is exposed to the light?",
          "Light is energy, not a substance.",
          "Where does the carbon in the plant come from?"};
      return random_.pick(kHints);
    }
  }
  return {};
}

std::string Generator::feedback_sentence(Family family) {
  switch (family) {
    case maths: return random_.chance(500) ? "Count **all** the equal parts, including the ones that are shaded."
                                           : "The bottom number names the size of the parts; it does not change when you add.";
    case spanish: return random_.chance(500) ? "Check who does the action: *yo*, *tú* or *él*."
                                             : "The article must agree with the noun: **el** or **la**.";
    case science: return random_.chance(500) ? "Plants make their own food; the soil gives only water and minerals."
                                             : "Energy flows along the chain and is not recycled.";
  }
  return {};
}

void Generator::media(Json& json) {
  const char* picture = random_.pick(kPictures);
  json.key("media").begin_array().begin_object()
      .field("path", std::string("media/") + picture + ".svg")
      .field("alt", std::string("A labelled drawing of the ") + picture)
      .end_object().end_array();
}

void Generator::hints(Json& json, Family family, int per_mille) {
  if (!random_.chance(per_mille)) return;
  std::string first = hint(family);
  json.key("hints").begin_array().string(first);
  if (random_.chance(250)) {
    std::string second = hint(family);
    if (second != first) json.string(second);
  }
  json.end_array();
}

void Generator::hints_and_explanation(Json& json, Family family) {
  hints(json, family, 680);
  if (random_.chance(500)) json.field("explanation", paragraph(family, random_.chance(150) ? 2 : 1));
}

// A question with one right answer and wrong ones that carry feedback and misconceptions.
std::vector<Option> Generator::choice_question(Family family, std::string& prompt, std::string& explanation) {
  std::vector<Option> options;
  auto add = [&](std::string text, bool correct, std::string feedback, std::string tag) {
    for (const Option& option : options) {
      if (option.text == text) return;  // choices must differ
    }
    options.push_back({std::move(text), correct, std::move(feedback), std::move(tag)});
  };
  switch (family) {
    case maths: {
      int d = random_.range(3, 12);
      int a = random_.range(1, d - 2);
      int b = random_.range(1, d - a - 1 > 0 ? d - a - 1 : 1);
      switch (random_.below(3)) {
        case 0:
          prompt = "What is " + frac(a, d) + " + " + frac(b, d) + "?";
          add(frac(a + b, d), true, random_.chance(400) ? "Yes: the pieces stay " + num(d) + "ths." : "", "");
          add(frac(a + b, 2 * d), false, "Only the numerators are added: the size of the pieces stays the same.",
              "add-denominators");
          add(frac(a * b, d), false, "You multiplied the numerators. Adding puts the pieces together.", "");
          if (random_.chance(500)) {
            // One random draw per statement: the order in which arguments are evaluated differs between compilers.
            std::string feedback = feedback_sentence(maths);
            add(frac(a + b, d + 1), false, std::move(feedback), misconception());
          }
          explanation = num(a) + " + " + num(b) + " = " + num(a + b) + " pieces of size " + frac(1, d) +
                        ", so the answer is " + frac(a + b, d) + ".";
          break;
        case 1: {
          int k = random_.range(2, 6);
          int n = d * k;
          prompt = "A class has " + num(n) + " pupils. " + frac(a, d) + " of them walk to school. How many pupils walk?";
          add(num(a * k), true, "", "");
          add(num(k), false, "That is " + frac(1, d) + " of the class. How many groups of " + num(k) + " do you need?",
              "part-to-part");
          add(num(n - a * k), false, "That is the number who do **not** walk.", "");
          add(num(n * a), false, "You multiplied by the top number but forgot to divide by the bottom one.",
              "numerator-denominator-swap");
          explanation = "One part is " + num(n) + " ÷ " + num(d) + " = " + num(k) + " pupils, so " + frac(a, d) +
                        " is " + num(a) + " × " + num(k) + " = " + num(a * k) + ".";
          break;
        }
        default: {
          int k = random_.range(2, 5);
          prompt = "Which fraction is equal to " + frac(a, d) + "?";
          add(frac(a * k, d * k), true, "Yes: top and bottom were both multiplied by " + num(k) + ".", "");
          add(frac(a + k, d + k), false, "Adding the same number to the top and bottom changes the amount.",
              "add-same-to-both");
          add(frac(a * k, d), false, "Only the top was multiplied, so the parts are still " + num(d) + "ths.", "");
          add(frac(d, a), false, "The numbers are the wrong way round.", "numerator-denominator-swap");
          explanation = "Multiplying the numerator and the denominator by " + num(k) + " names the same amount: " +
                        frac(a, d) + " = " + frac(a * k, d * k) + ".";
        }
      }
      break;
    }
    case spanish: {
      if (random_.chance(500)) {
        std::vector<std::size_t> words = random_.distinct(std::size(kNouns), 3);
        const Word& word = kNouns[words[0]];
        prompt = "How do you say *the " + std::string(word.english) + "* in Spanish?";
        add(noun_with_article(word), true, random_.chance(300) ? "¡Muy bien!" : "", "");
        add(noun_with_article(word, false), false,
            std::string("*") + word.spanish + "* is " + (word.feminine ? "feminine" : "masculine") + ": use **" +
                (word.feminine ? "la" : "el") + "**.",
            "gender-by-ending");
        add(noun_with_article(kNouns[words[1]]), false, std::string("That is *the ") + kNouns[words[1]].english + "*.", "");
        if (random_.chance(600)) add(noun_with_article(kNouns[words[2]]), false, "", "false-friend");
        explanation = "*" + noun_with_article(word) + "* = *the " + word.english + "*.";
      } else {
        const Verb& verb = random_.pick(kVerbs);
        prompt = std::string("Complete: *Yo ___ ") + verb.object + ".* (" + verb.infinitive + ")";
        add(verb.yo, true, "", "");
        add(verb.tu, false, "That is the **tú** form. With *yo* the ending is -o.", "person-agreement");
        add(verb.el, false, "That is the form for *él* or *ella*.", "person-agreement");
        add(verb.infinitive, false, "The infinitive must be conjugated.", "infinitive-not-conjugated");
        explanation = std::string("*Yo ") + verb.yo + " " + verb.object + "* = I " + verb.english + " " +
                      verb.object_english + ".";
      }
      break;
    }
    case science: {
      std::vector<std::size_t> picks = random_.distinct(std::size(kScienceTerms), 4);
      const Term& term = kScienceTerms[picks[0]];
      if (random_.chance(500)) {
        prompt = std::string("What is a **") + term.term + "**?";
        add(std::string(1, static_cast<char>(term.meaning[0] - 32)) + (term.meaning + 1), true, "", "");
        for (std::size_t k = 1; k < 4; ++k) {
          const Term& other = kScienceTerms[picks[k]];
          add(std::string(1, static_cast<char>(other.meaning[0] - 32)) + (other.meaning + 1), false,
              std::string("That describes ") + other.term + ".", k == 1 ? misconception() : "");
        }
      } else {
        prompt = std::string("Which word means *") + term.meaning + "*?";
        add(term.term, true, "", "");
        for (std::size_t k = 1; k < 4; ++k) {
          const Term& other = kScienceTerms[picks[k]];
          add(other.term, false, std::string("A ") + other.term + " is " + other.meaning + ".",
              k == 2 ? misconception() : "");
        }
      }
      explanation = std::string("A **") + term.term + "** is " + term.meaning + ".";
      break;
    }
  }
  // Shuffle the options (deterministically), keeping exactly one correct.
  for (std::size_t i = options.size(); i > 1; --i) std::swap(options[i - 1], options[random_.below(i)]);
  return options;
}

void Generator::write_choices(Json& json, const std::vector<Option>& options) {
  json.key("choices").begin_array();
  for (const Option& option : options) {
    json.begin_object().field("text", option.text);
    if (option.correct) json.field_bool("correct", true);
    if (!option.feedback.empty()) json.field("feedback", option.feedback);
    if (!option.misconception.empty()) json.field("misconception", option.misconception);
    json.end_object();
  }
  json.end_array();
}

void Generator::write_single_choice(Json& json, const SkillInfo& skill) {
  std::string prompt;
  std::string explanation;
  std::vector<Option> options = choice_question(skill.family, prompt, explanation);
  json.field("prompt", prompt);
  write_choices(json, options);
  if (random_.chance(80)) json.field_bool("shuffle", false);
  if (random_.chance(120)) media(json);
  hints(json, skill.family, 700);
  if (random_.chance(550)) json.field("explanation", explanation);
}

void Generator::write_multiple_select(Json& json, const SkillInfo& skill) {
  std::vector<Option> options;
  std::string prompt;
  switch (skill.family) {
    case maths: {
      int a = random_.range(1, 3);
      int b = a + random_.range(1, 4);
      prompt = "Which of these are equal to " + frac(a, b) + "? Tick all that apply.";
      std::vector<std::size_t> ks = random_.distinct(5, 3);
      for (std::size_t k : ks) options.push_back({frac(a * static_cast<int>(k + 2), b * static_cast<int>(k + 2)), true, "", ""});
      options.push_back({frac(a + 1, b + 1), false, "Adding 1 to the top and the bottom changes the amount.", "add-same-to-both"});
      options.push_back({frac(b, a), false, "The numbers are the wrong way round.", "numerator-denominator-swap"});
      break;
    }
    case spanish: {
      prompt = "Tick **all** the feminine nouns.";
      std::vector<std::size_t> words = random_.distinct(std::size(kNouns), 6);
      bool any_feminine = false;
      for (std::size_t w : words) {
        const Word& word = kNouns[w];
        any_feminine |= word.feminine;
        options.push_back({word.spanish, word.feminine,
                           word.feminine ? "" : std::string("*el ") + word.spanish + "* is masculine.",
                           word.feminine ? "" : "gender-by-ending"});
      }
      if (!any_feminine) options.push_back({"canción", true, "", ""});
      break;
    }
    case science: {
      prompt = "Tick **everything** a plant takes in to make glucose by photosynthesis.";
      options = {{"Carbon dioxide from the air", true, "", ""},
                 {"Water from the soil", true, "", ""},
                 {"Light energy from the Sun", true, "", ""},
                 {"Soil, as food", false, "Soil is not food: the plant makes its own.", "plants-get-food-from-soil"},
                 {"Oxygen from the air", false, "Oxygen is *given off*: it is a product.", "reactants-products-swapped"}};
      if (random_.chance(500)) options.pop_back();
      break;
    }
  }
  for (std::size_t i = options.size(); i > 1; --i) std::swap(options[i - 1], options[random_.below(i)]);
  json.field("prompt", prompt);
  write_choices(json, options);
  hints_and_explanation(json, skill.family);
}

void Generator::write_true_false(Json& json, const SkillInfo& skill, bool checkpoint) {
  std::string prompt;
  bool answer = random_.chance(500);
  std::string wrong_feedback;
  switch (skill.family) {
    case maths: {
      int b = random_.range(2, 9);
      int a = random_.range(1, b - 1);
      int k = random_.range(2, 4);
      prompt = frac(a, b) + " and " + (answer ? frac(a * k, b * k) : frac(a + k, b + k)) + " are the same amount.";
      wrong_feedback = answer ? "Multiplying the top and the bottom by the same number keeps the amount."
                              : "Adding the same number to the top and the bottom changes the amount.";
      break;
    }
    case spanish: {
      const Word& word = random_.pick(kNouns);
      const Word& other = random_.pick(kNouns);
      bool same = &word == &other;
      answer = answer || same;
      prompt = "*" + noun_with_article(word) + "* means *the " + (answer ? word.english : other.english) + "*.";
      wrong_feedback = "*" + noun_with_article(word) + "* is *the " + word.english + "*.";
      break;
    }
    case science: {
      const Term& term = random_.pick(kScienceTerms);
      const Term& other = random_.pick(kScienceTerms);
      answer = answer || &term == &other;
      prompt = std::string("A **") + term.term + "** is " + (answer ? term.meaning : other.meaning) + ".";
      wrong_feedback = std::string("A ") + term.term + " is " + term.meaning + ".";
      break;
    }
  }
  json.field("prompt", prompt).field_bool("answer", answer);
  if (random_.chance(750)) json.field("feedback_wrong", wrong_feedback);
  if (random_.chance(300)) json.field("misconception", misconception());
  if (!checkpoint) {
    if (random_.chance(100)) media(json);
    hints_and_explanation(json, skill.family);
  }
}

void Generator::write_numeric(Json& json, const SkillInfo& skill) {
  switch (skill.family) {
    case maths: {
      static const int kDecimalDenominators[] = {2, 4, 5, 8, 10, 20, 25};
      if (random_.chance(500)) {
        int b = random_.pick(kDecimalDenominators);
        int a = random_.range(1, b - 1);
        json.field("prompt", "What is " + frac(a, b) + " as a decimal?")
            .field_number("answer", fixed(1000LL * a / b, 3));
        if (random_.chance(500)) json.key("tolerance").begin_object().field_number("absolute", "0.001").end_object();
        json.key("wrong_answers").begin_array()
            .begin_object().field_number("value", fixed(a * 10 + (b < 10 ? b : b % 10), 1))
            .field("feedback", frac(a, b) + " means " + num(a) + " divided by " + num(b) + ", not " + num(a) + " point " + num(b) + ".")
            .field("misconception", "fraction-as-digits").end_object()
            .end_array();
      } else {
        int b = random_.range(3, 12);
        int a = random_.range(1, b - 1);
        int n = b * random_.range(2, 9);
        json.field("prompt", "A ribbon is " + num(n) + " cm long. How long is " + frac(a, b) + " of it, in cm?")
            .field_integer("answer", n / b * a)
            .field_strings("units", {"cm", "centimetres", "centimeters"});
        if (random_.chance(600)) {
          json.key("wrong_answers").begin_array()
              .begin_object().field_integer("value", n / b)
              .field("feedback", "That is " + frac(1, b) + " of the ribbon. You need " + num(a) + " of those parts.")
              .field("misconception", "part-to-part").end_object()
              .end_array();
        }
      }
      break;
    }
    case spanish: {
      int a = random_.range(1, 10);
      int b = random_.range(1, 10);
      json.field("prompt", std::string("¿Cuántos son *") + kNumberWords[a] + " más " + kNumberWords[b] + "*? Write the number in digits.")
          .field_integer("answer", a + b);
      if (random_.chance(500)) {
        json.key("wrong_answers").begin_array()
            .begin_object().field_integer("value", a > b ? a - b : b - a)
            .field("feedback", "**más** means plus (+). *Menos* is minus.")
            .field("misconception", "false-friend").end_object()
            .end_array();
      }
      break;
    }
    case science: {
      int minutes = random_.range(2, 10);
      int rate = random_.range(5, 30);
      json.field("prompt", "Pondweed under a lamp gave off **" + num(rate * minutes) + " bubbles in " + num(minutes) +
                               " minutes**. What was the rate, in bubbles per minute?")
          .field_integer("answer", rate)
          .key("tolerance").begin_object().field_number("absolute", "0.01").end_object()
          .field_strings("units", {"bubbles per minute", "bubbles/min", "per minute"});
      json.key("wrong_answers").begin_array()
          .begin_object().field_integer("value", rate * minutes * minutes)
          .field("feedback", "You multiplied. The rate is the number *per* minute.").end_object()
          .end_array();
      break;
    }
  }
  if (random_.chance(150)) json.field("form", "any");
  hints_and_explanation(json, skill.family);
}

void Generator::write_short_text(Json& json, const SkillInfo& skill, bool checkpoint) {
  switch (skill.family) {
    case maths: {
      static const std::pair<const char*, const char*> kTerms[] = {
          {"the bottom number of a fraction", "denominator"},
          {"the top number of a fraction", "numerator"},
          {"a fraction whose numerator is bigger than its denominator", "improper"},
          {"fractions that name the same amount", "equivalent"},
          {"a fraction with 1 on top", "unit fraction"}};
      const auto& term = random_.pick(kTerms);
      json.field("prompt", std::string("What is the name for *") + term.first + "*?");
      json.key("answers").begin_array().begin_object().field("text", term.second).end_object();
      if (random_.chance(400)) json.begin_object().field("text", std::string("the ") + term.second).end_object();
      json.end_array();
      if (random_.chance(500)) {
        json.key("wrong_answers").begin_array().begin_object()
            .field("text", std::string(term.second) == "numerator" ? "denominator" : "numerator")
            .field("feedback", "The numerator is the **top** number; the denominator is the bottom one.")
            .field("misconception", "numerator-denominator-swap").end_object().end_array();
      }
      break;
    }
    case spanish: {
      const Word& word = random_.pick(kNouns);
      json.field("prompt", std::string("Translate: *the ") + word.english + "*");
      json.key("answers").begin_array().begin_object().field("text", noun_with_article(word)).end_object().end_array();
      json.field_bool("case_sensitive", false).field("accents", random_.chance(800) ? "required" : "ignored");
      json.key("wrong_answers").begin_array().begin_object()
          .field("text", noun_with_article(word, false))
          .field("feedback", std::string("*") + word.spanish + "* is " + (word.feminine ? "feminine" : "masculine") +
                                 ": **" + noun_with_article(word) + "**.")
          .field("misconception", "gender-by-ending").end_object().end_array();
      break;
    }
    case science: {
      const Term& term = random_.pick(kScienceTerms);
      json.field("prompt", std::string("Which word means: *") + term.meaning + "*?");
      json.key("answers").begin_array().begin_object().field("text", term.term).end_object().end_array();
      json.field_bool("case_sensitive", false).field("accents", "ignored");
      break;
    }
  }
  if (!checkpoint) hints_and_explanation(json, skill.family);
}

void Generator::write_cloze(Json& json, const SkillInfo& skill) {
  switch (skill.family) {
    case spanish: {
      std::vector<std::size_t> verbs = random_.distinct(std::size(kVerbs), 2);
      const Verb& first = kVerbs[verbs[0]];
      const Verb& second = kVerbs[verbs[1]];
      json.field("prompt", "Complete with the right form of the verbs.")
          .field("passage", std::string("Yo {1} ") + first.object + " y tú {2} " + second.object + ".");
      json.key("blanks").begin_array()
          .begin_object().field_strings("answers", {first.yo}).field("feedback", std::string("With *yo*: ") + first.yo + ".").end_object()
          .begin_object().field_strings("answers", {second.tu})
          .field_strings("choices", {second.yo, second.tu, second.el}).end_object()
          .end_array();
      json.field("accents", "required");
      break;
    }
    case maths: {
      int b = random_.range(3, 12);
      int a = random_.range(1, b - 1);
      json.field("prompt", "Fill in the gaps.")
          .field("passage", frac(a, b) + " means {1} of {2} equal parts. The bottom number is called the {3}.");
      json.key("blanks").begin_array()
          .begin_object().field_strings("answers", {num(a)}).end_object()
          .begin_object().field_strings("answers", {num(b)}).field("feedback", "How many equal parts make the whole?").end_object()
          .begin_object().field_strings("answers", {"denominator"}).field_strings("choices", {"numerator", "denominator"}).end_object()
          .end_array();
      break;
    }
    case science: {
      json.field("prompt", "Complete the word equation for photosynthesis.")
          .field("passage", "{1} + water → {2} + {3}\n\n(The reaction uses **light** energy, absorbed by **chlorophyll**.)");
      json.key("blanks").begin_array()
          .begin_object().field_strings("answers", {"carbon dioxide"})
          .field_strings("choices", {"carbon dioxide", "oxygen", "glucose", "nitrogen"}).end_object()
          .begin_object().field_strings("answers", {"glucose"})
          .field_strings("choices", {"glucose", "starch", "protein"})
          .field("feedback", "The sugar made first is glucose.").end_object()
          .begin_object().field_strings("answers", {"oxygen"})
          .field_strings("choices", {"oxygen", "carbon dioxide", "water"}).end_object()
          .end_array();
      break;
    }
  }
  hints_and_explanation(json, skill.family);
}

void Generator::write_ordering(Json& json, const SkillInfo& skill) {
  std::vector<std::string> items;
  switch (skill.family) {
    case maths: {
      int d = random_.range(6, 12);
      int count = std::min(random_.range(3, 6), d - 1);
      std::vector<std::size_t> numerators = random_.distinct(static_cast<std::size_t>(d - 1), static_cast<std::size_t>(count));
      std::sort(numerators.begin(), numerators.end());
      for (std::size_t n : numerators) items.push_back(frac(static_cast<long long>(n) + 1, d));
      json.field("prompt", "Put these fractions in order, **smallest first**.");
      break;
    }
    case spanish: {
      int start = random_.range(0, 14);
      int count = random_.range(3, 6);
      for (int i = 0; i < count; ++i) items.push_back(kNumberWords[start + i]);
      json.field("prompt", "Put the numbers in order, smallest first.");
      break;
    }
    case science: {
      static const std::vector<std::vector<std::string>> kChains = {
          {"grass", "rabbit", "fox"},
          {"algae", "water flea", "minnow", "heron"},
          {"oak leaves", "caterpillar", "blue tit", "sparrowhawk"},
          {"phytoplankton", "krill", "penguin", "leopard seal"},
          {"the air around the leaf", "a stoma on the underside", "the air spaces of the spongy layer", "a palisade cell",
           "a chloroplast"}};
      items = random_.pick(kChains);
      json.field("prompt", "Put these in order, following the flow of energy (or of the gas).");
      break;
    }
  }
  json.field_strings("items", items);
  hints_and_explanation(json, skill.family);
}

void Generator::write_matching(Json& json, const SkillInfo& skill) {
  std::size_t count = static_cast<std::size_t>(random_.range(3, 6));
  json.field("prompt", skill.family == spanish ? "Match each word to its meaning." : "Match each item to what it describes.");
  json.key("pairs").begin_array();
  std::vector<std::string> rights;
  std::vector<std::string> spare;
  switch (skill.family) {
    case spanish: {
      std::vector<std::size_t> words = random_.distinct(std::size(kNouns), count + 2);
      for (std::size_t i = 0; i < words.size(); ++i) {
        const Word& word = kNouns[words[i]];
        std::string right = std::string("the ") + word.english;
        if (i < count) json.begin_object().field("left", noun_with_article(word)).field("right", right).end_object();
        else spare.push_back(right);
      }
      break;
    }
    case science: {
      std::vector<std::size_t> terms = random_.distinct(std::size(kScienceTerms), count + 1);
      for (std::size_t i = 0; i < terms.size(); ++i) {
        const Term& term = kScienceTerms[terms[i]];
        if (i < count) json.begin_object().field("left", term.term).field("right", term.meaning).end_object();
        else spare.push_back(term.meaning);
      }
      break;
    }
    case maths: {
      static const char* const kParts[] = {"halves", "thirds", "quarters", "fifths", "sixths", "eighths", "tenths", "twelfths"};
      static const int kDenominators[] = {2, 3, 4, 5, 6, 8, 10, 12};
      std::vector<std::size_t> picks = random_.distinct(8, count + 1);
      for (std::size_t i = 0; i < picks.size(); ++i) {
        int d = kDenominators[picks[i]];
        int n = random_.range(1, d - 1);
        std::string right = num(n) + " of " + num(d) + " equal parts (" + kParts[picks[i]] + ")";
        if (i < count) json.begin_object().field("left", frac(n, d)).field("right", right).end_object();
        else spare.push_back(right);
      }
      break;
    }
  }
  json.end_array();
  if (!spare.empty() && random_.chance(700)) {
    spare.resize(random_.chance(500) ? 1 : spare.size());
    json.field_strings("distractors", spare);
  }
  hints_and_explanation(json, skill.family);
}

void Generator::write_flashcard(Json& json, const SkillInfo& skill) {
  switch (skill.family) {
    case spanish: {
      const Word& word = random_.pick(kNouns);
      json.field("front", "**" + noun_with_article(word) + "**").field("back", std::string("the ") + word.english);
      break;
    }
    case science: {
      const Term& term = random_.pick(kScienceTerms);
      json.field("front", std::string("**") + term.term + "**: what is it?").field("back", term.meaning);
      break;
    }
    case maths: {
      int b = random_.range(2, 12);
      int a = random_.range(1, b - 1);
      int g = static_cast<int>(gcd(a, b));
      json.field("front", "Simplify " + frac(a, b)).field("back", frac(a / g, b / g) + (g > 1 ? ": divide both by " + num(g) : ": it is already in simplest form"));
      break;
    }
  }
  json.field_bool("reverse", random_.chance(400));
  if (random_.chance(100)) media(json);
}

void Generator::checkpoint_question(Json& json, const SkillInfo& skill) {
  json.begin_object();
  switch (random_.below(3)) {
    case 0: json.field("type", "true_false"); write_true_false(json, skill, true); break;
    case 1: {
      json.field("type", "single_choice");
      std::string prompt;
      std::string explanation;
      std::vector<Option> options = choice_question(skill.family, prompt, explanation);
      json.field("prompt", prompt);
      write_choices(json, options);
      break;
    }
    default: json.field("type", "short_text"); write_short_text(json, skill, true); break;
  }
  json.end_object();
}

void Generator::write_reading(Json& json, const SkillInfo& skill) {
  std::string title = skill.title;
  std::string body = "# " + title + "\n\n" + paragraph(skill.family, random_.chance(300) ? 2 : 1);
  if (random_.chance(300)) {
    const char* picture = random_.pick(kPictures);
    body += std::string("\n\n![A drawing of ") + picture + " with its parts labelled](media/" + picture + ".svg)";
  }
  body += "\n\n## Remember\n\n";
  std::string previous;
  for (int i = random_.chance(400) ? 3 : 2; i > 0; --i) {
    std::string item = sentence(skill.family);
    if (item != previous) body += "- " + item + "\n";
    previous = std::move(item);
  }
  if (random_.chance(250)) body += "\n1. Read the question.\n2. Draw it.\n3. Check your answer.\n";
  json.field("title", title).field("body", body);
  int checkpoints = random_.chance(450) ? random_.range(1, 2) : 0;
  if (checkpoints > 0) {
    json.key("checkpoints").begin_array();
    for (int i = 0; i < checkpoints; ++i) {
      json.begin_object().key("question");
      checkpoint_question(json, skill);
      json.end_object();
    }
    json.end_array();
  }
}

void Generator::write_video(Json& json, const SkillInfo& skill) {
  std::string name = skill.id + "-video";
  int duration = random_.range(60, 240);
  json.field("title", "Watch: " + skill.title);
  json.key("video").begin_object()
      .field("src", "media/" + name + ".webm")
      .field("captions", "media/" + name + ".vtt")
      .field("poster", "media/" + name + ".svg")
      .field_integer("duration", duration)
      .end_object();
  json.field("prompt", "Watch the video. It stops a few times for a quick question.");
  int count = random_.range(1, 3);
  json.key("checkpoints").begin_array();
  for (int i = 0; i < count; ++i) {
    json.begin_object().field_number("time", fixed((duration * 10LL * (i + 1)) / (count + 1), 1)).key("question");
    checkpoint_question(json, skill);
    json.end_object();
  }
  json.end_array();
}

void Generator::write_parameterized(Json& json, const SkillInfo& skill) {
  // Modelled on the templates of content/*/course.json, with small ranges (tens to a few hundred combinations
  // per level), as real templates have.
  int kind = skill.family == maths ? static_cast<int>(random_.below(2)) : skill.family == science ? 2 : 3;
  switch (kind) {
    case 0:
      json.field("prompt", "A class has {{n}} pupils. $1/{{b}}$ of them walk to school. How many pupils walk to school?");
      json.key("variables").begin_object()
          .key("b").begin_object().field_integer("min", 2).field_integer("max", 4).end_object()
          .key("k").begin_object().field_integer("min", 2).field_integer("max", 6).end_object()
          .end_object();
      json.field_strings("constraints", {"b != k"});
      json.key("derived").begin_object().field("n", "b * k").end_object();
      json.field("answer", "k");
      json.key("wrong_answers").begin_array().begin_object().field("formula", "b")
          .field("feedback", "The bottom number tells you how many equal groups to make, not how many are in each group.")
          .end_object().end_array();
      json.key("levels").begin_array()
          .begin_object().field_number("difficulty", "-1.5").end_object()
          .begin_object().field_number("difficulty", "-0.5").key("variables").begin_object()
          .key("b").begin_object().field_integer("min", 3).field_integer("max", 6).end_object()
          .key("k").begin_object().field_integer("min", 3).field_integer("max", 10).end_object()
          .end_object().end_object()
          .end_array();
      json.field_strings("hints", {"$1/{{b}}$ means 1 of {{b}} equal groups.",
                                   "Share {{n}} into {{b}} equal groups. How many are in one group?"});
      json.field("explanation", "{{n}} pupils shared into {{b}} equal groups makes {{k}} in each group, so $1/{{b}}$ of {{n}} is {{k}}.");
      break;
    case 1:
      json.field("prompt", "What is ${{a}}/{{d}} + {{b}}/{{d}}$?");
      json.key("variables").begin_object()
          .key("d").begin_object().key("choices").begin_array().integer(5).integer(6).integer(8).integer(10).end_array().end_object()
          .key("a").begin_object().field_integer("min", 1).field_integer("max", 4).end_object()
          .key("b").begin_object().field_integer("min", 1).field_integer("max", 4).end_object()
          .end_object();
      json.field_strings("constraints", {"a + b < d"});
      json.key("derived").begin_object().field("s", "a + b").end_object();
      json.field("answer", "s / d").field("form", "fraction");
      json.key("wrong_answers").begin_array().begin_object().field("formula", "s / (2 * d)")
          .field("feedback", "Only the numerators are added: the size of the pieces stays the same.")
          .field("misconception", "add-denominators").end_object().end_array();
      json.field_strings("hints", {"The pieces are all {{d}}ths. How many {{d}}ths are there altogether?"});
      json.field("explanation", "{{a}} + {{b}} = {{s}} pieces of size $1/{{d}}$: the answer is ${{s}}/{{d}}$.");
      break;
    case 2:
      json.field("prompt", "A field of grass stores **{{e}} kJ** of energy in a year. About **{{p}} %** of it reaches the rabbits. How much energy, in kJ, reaches the rabbits?");
      json.key("variables").begin_object()
          .key("e").begin_object().field_integer("min", 1000).field_integer("max", 20000).field_integer("step", 1000).end_object()
          .key("p").begin_object().key("choices").begin_array().integer(10).end_array().end_object()
          .end_object();
      json.key("derived").begin_object().field("r", "e * p / 100").field("lost", "e - r").end_object();
      json.field("answer", "r").key("tolerance").begin_object().field_number("relative", "0.01").end_object();
      json.field_strings("units", {"kJ", "kilojoules"});
      json.key("wrong_answers").begin_array()
          .begin_object().field("formula", "lost").field("feedback", "That is the energy that is *not* passed on.")
          .field("misconception", "energy-is-recycled").end_object()
          .begin_object().field("formula", "e * p").field("feedback", "{{p}} % means {{p}} out of every 100: divide by 100.").end_object()
          .end_array();
      json.key("levels").begin_array()
          .begin_object().field_number("difficulty", "-1").end_object()
          .begin_object().field_integer("difficulty", 0).key("variables").begin_object()
          .key("p").begin_object().key("choices").begin_array().integer(5).integer(10).integer(20).end_array().end_object()
          .end_object().end_object()
          .end_array();
      json.field("explanation", "{{p}} % of {{e}} kJ = {{e}} × {{p}} ÷ 100 = **{{r}} kJ**; the other {{lost}} kJ is lost.");
      break;
    default:
      json.field("prompt", "¿Cuánto es {{a}} más {{b}}? Write the number.");
      json.key("variables").begin_object()
          .key("a").begin_object().field_integer("min", 1).field_integer("max", 10).end_object()
          .key("b").begin_object().field_integer("min", 1).field_integer("max", 10).end_object()
          .end_object();
      json.field_strings("constraints", {"a + b <= 15"});
      json.key("derived").begin_object().field("s", "a + b").field("d", "abs(a - b)").end_object();
      json.field("answer", "s");
      json.key("wrong_answers").begin_array().begin_object().field("formula", "d")
          .field("feedback", "**más** means plus (+). *Menos* is minus.").field("misconception", "false-friend")
          .end_object().end_array();
      json.field_strings("hints", {"*más* = plus: {{a}} + {{b}}."});
      json.field("explanation", "*{{a}} más {{b}} son {{s}}*: {{a}} + {{b}} = {{s}}.");
      break;
  }
}

std::string Generator::activity(std::size_t index, Type type) {
  SkillInfo& skill = skills_[index % skills_.size()];
  std::string id = skill.id + "-" + kTypeTags[type] + "-" + num(static_cast<long long>(next_id_++));
  Json json(spec_.layout, 2);
  common_start(json, id, type, skill);
  switch (type) {
    case single_choice: write_single_choice(json, skill); break;
    case multiple_select: write_multiple_select(json, skill); break;
    case true_false: write_true_false(json, skill, false); break;
    case numeric: write_numeric(json, skill); break;
    case short_text: write_short_text(json, skill, false); break;
    case cloze: write_cloze(json, skill); break;
    case ordering: write_ordering(json, skill); break;
    case matching: write_matching(json, skill); break;
    case flashcard: write_flashcard(json, skill); break;
    case reading: write_reading(json, skill); break;
    case video: write_video(json, skill); break;
    case parameterized: write_parameterized(json, skill); break;
  }
  if (random_.chance(800)) json.field_number("difficulty", fixed(random_.range(-25, 25), 1));
  if (random_.chance(700)) json.field_integer("seconds", random_.range(2, 24) * 5);
  json.end_object();
  skill.activity_ids.push_back(std::move(id));
  return json.take();
}

GeneratedBundle Generator::run() {
  GeneratedBundle out;
  make_skills();
  out.skills = skills_.size();

  std::vector<std::string> skill_texts;
  for (const SkillInfo& skill : skills_) skill_texts.push_back(skill_json(skill));

  // The document around the lists, to know the room left for activities.
  auto assemble = [&](const std::vector<std::string>& activities, const std::string& units, std::size_t padding) {
    Json root(spec_.layout, 0);
    root.begin_object()
        .field("format", "pathwise.bundle/1")
        .field("id", "generated-benchmark")
        .field("version", "1.0.0")
        .field("title", "Generated benchmark course")
        .field("language", "en")
        .field("description", "A large generated course for the bundle benchmark: fractions, Spanish and plant science.")
        .field_strings("authors", {"Pathwise bundle generator"})
        .field("licence", "CC0-1.0")
        .field("attribution", "Generated by tests/bench/bundle_generator.cpp");
    root.key("skills").begin_array();
    for (const std::string& text : skill_texts) root.raw(text);
    root.end_array();
    root.key("units").raw(units);
    root.key("activities").begin_array();
    for (const std::string& text : activities) root.raw(text);
    root.end_array().end_object();
    std::string text = root.take();
    // Exact size: whitespace before the closing brace (JSON allows it anywhere between tokens).
    text.insert(text.size() - 1, std::string(padding, ' '));
    return text;
  };

  std::vector<std::string> activities;
  std::vector<Type> types;
  std::size_t fixed_bytes = assemble({}, units_json(out), 0).size();
  out.units = out.lessons = 0;
  // Every activity id also appears once in its lesson's list: `"id", ` and (pretty) an indented line.
  std::size_t per_reference = spec_.layout == Layout::pretty ? 16 : 3;
  std::size_t per_activity_separator = spec_.layout == Layout::pretty ? 6 : spec_.layout == Layout::lines ? 6 : 1;
  std::size_t used = fixed_bytes;
  std::size_t index = 0;
  int misses = 0;
  while (true) {
    Type type = pick_type();
    std::size_t ids_before = next_id_;
    std::string text = activity(index, type);
    const std::string& id = skills_[index % skills_.size()].activity_ids.back();
    std::size_t cost = text.size() + per_activity_separator + id.size() + per_reference;
    bool need_more = activities.size() < std::max<std::size_t>(spec_.min_activities, 1);  // a bundle needs one
    if (!need_more && used + cost > spec_.target_bytes) {
      // Does not fit: undo, and try a few more (smaller ones) to fill the room closely.
      skills_[index % skills_.size()].activity_ids.pop_back();
      next_id_ = ids_before;
      if (++misses > 40 || used + 200 > spec_.target_bytes) break;
      continue;
    }
    used += cost;
    activities.push_back(std::move(text));
    types.push_back(type);
    ++out.by_type[type];
    ++index;
  }
  // The running total was an estimate of the separators: drop activities from the end while the text is too long.
  std::string text;
  while (true) {
    out.units = out.lessons = 0;
    std::string units = units_json(out);
    text = assemble(activities, units, 0);
    if (text.size() <= spec_.target_bytes || activities.size() <= spec_.min_activities) {
      if (text.size() < spec_.target_bytes) text = assemble(activities, units, spec_.target_bytes - text.size());
      break;
    }
    std::size_t last = activities.size() - 1;
    skills_[last % skills_.size()].activity_ids.pop_back();
    --out.by_type[types[last]];
    activities.pop_back();
    types.pop_back();
  }
  out.text = std::move(text);
  out.activities = activities.size();
  return out;
}

}  // namespace

const char* layout_name(Layout layout) {
  switch (layout) {
    case Layout::lines: return "lines";
    case Layout::pretty: return "pretty";
    case Layout::minified: return "minified";
  }
  return "lines";
}

bool parse_layout(std::string_view name, Layout& out) {
  for (Layout layout : {Layout::lines, Layout::pretty, Layout::minified}) {
    if (name == layout_name(layout)) {
      out = layout;
      return true;
    }
  }
  return false;
}

GeneratedBundle generate_bundle(const BundleSpec& spec) { return Generator(spec).run(); }

}  // namespace pathwise::bench
