// The learner's progress in the open course: headline numbers (points, day streak, skills mastered, minutes this
// week, accuracy), the goals in progress, practice minutes over the last 14 days, answers right per day (or per
// week), how sure the learner was against how often they were right, and each skill's mastery. Everything is
// drawn from the folded state (the core's report/progress_summary and path/goals compute it), so the numbers move
// as soon as an answer is recorded, here or in another tab.
//
// Also here: what the three progress screens share (the cached figures, their part of the test hook's state,
// and the course picker shown when no course is open yet).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "app/app.h"
#include "app/charts.h"
#include "app/item_registry.h"
#include "app/widgets.h"
#include "learner/clock_time.h"

namespace pathwise::client {

namespace {

const char* const kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct DayName {
  std::string weekday;   // "Mon"
  int day_of_month = 1;
  std::string month;     // "Jan"
};

DayName day_name(std::int64_t day) {
  std::int64_t year = 0;
  unsigned month = 1, day_of_month = 1;
  learner::civil_from_days(day, year, month, day_of_month);
  return {kWeekdays[((day + 4) % 7 + 7) % 7], static_cast<int>(day_of_month), kMonths[month - 1]};
}

// Minutes as a tile or a bar says them: whole minutes, "<1" for a little practice rather than a misleading 0.
std::string whole_minutes(double minutes) {
  if (minutes <= 0.0) return "0";
  if (minutes < 1.0) return "<1";
  return std::to_string(static_cast<long long>(std::lround(minutes)));
}

}  // namespace

bool App::refresh_progress() {
  if (!course_.bundle || course_.status != BundleStatus::ready || !session_.log() || !session_.current()) return false;
  refold_if_needed();
  if (!course_index_ || folded_course_ != course_.id) return false;
  const learner::Seconds now = static_cast<learner::Seconds>(platform_->unix_seconds());
  const std::int64_t minute = now / learner::kMinute;  // streaks and "today" move on with the clock, not only the log
  if (progress_.revision == session_.revision() && progress_.course == course_.id && progress_.minute == minute &&
      progress_.learner == session_.current()->id)
    return true;
  progress_.dashboard = report::build_dashboard(learner_state_, session_.log()->events(), now);
  progress_.goals = path::goal_progress(learner_state_, now);
  progress_.revision = session_.revision();
  progress_.course = course_.id;
  progress_.minute = minute;
  progress_.learner = session_.current()->id;
  return true;
}

// Progress is per course: with none open yet, the progress screens offer the courses to choose from.
void App::draw_progress_course_picker(const char* screen) {
  ui::paragraph("Progress is kept for each course. Choose a course to see yours.", true);
  ImGui::Spacing();
  for (std::size_t index : shown_courses_) {
    const content::CourseEntry& course = catalog_.courses[index];
    const std::string path = std::string(screen) + "/course/" + course.id;
    if (ui::card(path.c_str(), course.title.c_str(), course.description.c_str(), "Open the course")) {
      open_course(index);
      return;
    }
  }
}

void App::draw_dashboard() {
  if (ui::button("dashboard/back", "← Back", ui::ButtonKind::secondary) ||
      (ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput)) {
    screen_ = course_.bundle ? Screen::course : Screen::home;
    return;
  }
  ImGui::Spacing();
  ui::heading("dashboard/title", "Your progress");
  if (!refresh_progress()) {
    draw_progress_course_picker("dashboard");
    return;
  }
  const content::Bundle& bundle = *course_.bundle;
  const report::Dashboard& dashboard = progress_.dashboard;
  const report::Headline& headline = dashboard.headline;
  ui::paragraph(("In " + bundle.title).c_str(), true);
  ImGui::Spacing();

  // [SECTION] Headline numbers
  const std::string points = std::to_string(headline.points);
  const std::string streak = std::to_string(headline.streak_days);
  const std::string mastered = std::to_string(headline.skills_mastered);
  const std::string total = std::to_string(headline.skills_total);
  const std::string minutes = whole_minutes(headline.minutes_last_7_days);
  const int accuracy = headline.accuracy_percent();
  charts::stat_tiles({
      {"dashboard/points", points, "points", points + " points"},
      {"dashboard/streak", streak, headline.streak_days == 1 ? "day in a row" : "days in a row",
       streak + (headline.streak_days == 1 ? " day" : " days") + " in a row"},
      {"dashboard/mastered", mastered + "/" + total, "skills mastered",
       mastered + " of " + total + " skills mastered"},
      {"dashboard/minutes", minutes, "minutes this week", minutes + " minutes in the last 7 days"},
      {"dashboard/accuracy", accuracy < 0 ? "–" : std::to_string(accuracy) + "%",
       accuracy < 0 ? "no answers yet"
                    : "right of " + std::to_string(headline.answers) + (headline.answers == 1 ? " answer" : " answers"),
       accuracy < 0 ? "No answers yet"
                    : std::to_string(accuracy) + "% right (" + std::to_string(headline.correct) + " of " +
                          std::to_string(headline.answers) + " answers)"},
  });
  ImGui::Spacing();

  // [SECTION] Goals in progress
  ImGui::Spacing();
  ui::heading("dashboard/goals-title", "Goals");
  if (progress_.goals.empty()) {
    ui::paragraph("No goal yet. A goal gives your practice a direction.", true);
  }
  float daily_target = 0.0f;
  for (const path::GoalProgress& goal : progress_.goals) {
    if (goal.kind == learner::GoalKind::minutes_per_day && goal.known) daily_target = float(goal.target_minutes);
    const std::string value = goal.done ? "Done" : std::to_string(static_cast<int>(std::lround(goal.fraction * 100))) + "%";
    charts::meter(("dashboard/goal/" + goal.goal).c_str(), "progressbar", goal.title, value, goal.status,
                  float(goal.fraction), goal.done, goal.title + ": " + goal.status);
  }
  if (ui::button("dashboard/goals", progress_.goals.empty() ? "Set a goal" : "Your goals", ui::ButtonKind::secondary)) {
    screen_ = Screen::goals;
    return;
  }
  ImGui::Spacing();

  // [SECTION] Charts: side by side when the column is wide enough for two charts of 14 bars each.
  const float s = ImGui::GetStyle().FramePadding.y / 10.0f;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float available = ImGui::GetContentRegionAvail().x;
  const bool side_by_side = available >= 640.0f * s;
  const float chart_width = side_by_side ? (available - gap) * 0.5f : available;

  charts::BarChart practice;
  practice.title = "Practice time";
  practice.subtitle = "last 14 days";
  practice.unit = "min";
  practice.target = daily_target;
  if (daily_target > 0.0f) practice.target_label = "goal " + whole_minutes(daily_target);
  std::string practice_description = "Practice minutes per day, last 14 days:";
  for (std::size_t i = 0; i < dashboard.minutes_per_day.size(); ++i) {
    const report::DayMinutes& day = dashboard.minutes_per_day[i];
    const DayName name = day_name(day.day);
    charts::Bar bar;
    bar.value = float(day.minutes);
    bar.highlight = i + 1 == dashboard.minutes_per_day.size();
    bar.label = name.weekday + " " + std::to_string(name.day_of_month);
    bar.short_label = std::to_string(name.day_of_month);
    if (day.minutes > 0.0) bar.value_label = whole_minutes(day.minutes);
    practice.bars.push_back(std::move(bar));
    practice_description += (i ? ", " : " ") + whole_minutes(day.minutes);
  }
  practice_description += " (today)";
  charts::chart("dashboard/chart/minutes", practice, practice_description, chart_width);
  if (side_by_side) ImGui::SameLine(0.0f, gap);

  charts::BarChart right;
  right.title = "Answers right";
  right.subtitle = dashboard.accuracy_weekly ? "per week" : "per day";
  right.max_value = 100.0f;
  right.unit = "%";
  right.line = true;
  std::string right_description = std::string("Percent of answers right ") +
                                  (dashboard.accuracy_weekly ? "per week, last 8 weeks:" : "per day, last 14 days:");
  for (std::size_t i = 0; i < dashboard.accuracy.size(); ++i) {
    const report::AccuracyPeriod& period = dashboard.accuracy[i];
    const DayName name = day_name(period.first_day);
    charts::Bar point;
    point.empty = period.answers == 0;
    point.value = float(std::max(0, period.percent()));
    point.highlight = i + 1 == dashboard.accuracy.size();
    point.label = dashboard.accuracy_weekly ? std::to_string(name.day_of_month) + " " + name.month
                                            : name.weekday + " " + std::to_string(name.day_of_month);
    point.short_label = std::to_string(name.day_of_month);
    if (!point.empty) point.value_label = std::to_string(period.percent());
    right.bars.push_back(std::move(point));
    right_description += (i ? ", " : " ") + (period.answers ? std::to_string(period.percent()) + "%" : "none");
  }
  charts::chart("dashboard/chart/accuracy", right, right_description, chart_width);
  ImGui::Spacing();

  // [SECTION] Calibration: how sure the learner said they were, against how often they were right.
  const report::Calibration& calibration = dashboard.calibration;
  charts::BarChart sure;
  sure.title = "Sure vs. right";
  sure.subtitle = "% right at each level";
  sure.max_value = 100.0f;
  sure.unit = "%";
  sure.caption = "how sure you said you were: 1 guessing … 5 sure";
  std::string sure_description = "Percent right by how sure you were:";
  for (const report::CalibrationLevel& level : calibration.levels) {
    charts::Bar bar;
    bar.empty = level.answers == 0;
    bar.value = float(std::max(0, level.percent()));
    bar.highlight = level.confidence >= 4;
    bar.label = bar.short_label = std::to_string(level.confidence);
    if (!bar.empty) bar.value_label = std::to_string(level.percent()) + "%";
    sure_description += " " + std::to_string(level.confidence) + ": " +
                        (bar.empty ? std::string("no answers") : std::to_string(level.percent()) + "% of " +
                                                                     std::to_string(level.answers)) +
                        (level.confidence < 5 ? ";" : ".");
    sure.bars.push_back(std::move(bar));
  }
  charts::chart("dashboard/chart/calibration", sure, sure_description, chart_width);
  if (side_by_side) {
    ImGui::SameLine(0.0f, gap * 2.0f);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(0.0f, 8.0f * s));
  }
  ui::paragraph(calibration.sentence.c_str(), !calibration.enough);
  if (ItemRegistry* registry = current_item_registry()) {
    registry->add_static_last_item("dashboard/calibration", "text", calibration.sentence.c_str());
  }
  if (calibration.enough) {
    const int sure_percent = calibration.sure_answers ? calibration.sure_correct * 100 / calibration.sure_answers : 0;
    ui::paragraph(sure_percent >= 85 ? "Your feeling of being sure is a good guide: trust it."
                  : sure_percent >= 60 ? "Feeling sure is a fair guide. When you are sure, a quick second look still pays."
                                       : "Feeling sure is not a reliable guide yet: check your answer even when it "
                                         "feels right.",
                  true);
  }
  if (side_by_side) ImGui::EndGroup();
  ImGui::Spacing();

  // [SECTION] Mastery per skill, in the course's order; two columns on a wide screen.
  ImGui::Spacing();
  ui::heading("dashboard/skills-title", "Skills");
  ui::paragraph("How likely it is that you know each skill, judged from your answers.", true);
  ImGui::Spacing();
  const bool two_columns = available >= 560.0f * s;
  const float column_gap = 24.0f * s;
  const float meter_width = two_columns ? (available - column_gap) * 0.5f : available;
  for (std::size_t i = 0; i < dashboard.mastery.size(); ++i) {
    const report::SkillMastery& skill = dashboard.mastery[i];
    const content::Skill& info = bundle.skills[static_cast<std::size_t>(skill.skill)];
    const int percent = static_cast<int>(std::lround(skill.p_known * 100));
    std::string note = skill.attempts == 0 ? "Not practised yet"
                       : std::to_string(skill.attempts) + (skill.attempts == 1 ? " answer" : " answers");
    if (skill.confidence > 0) note += " · you said " + std::to_string(skill.confidence) + " of 5";
    if (two_columns && i % 2 == 1) ImGui::SameLine(0.0f, column_gap);
    charts::meter(("dashboard/skill/" + info.id).c_str(), "meter", info.title,
                  skill.mastered ? "Mastered" : std::to_string(percent) + "%", note, float(skill.p_known),
                  skill.mastered,
                  info.title + ": " + (skill.mastered ? "mastered" : std::to_string(percent) + "% likely known"),
                  meter_width);
    if (!two_columns || i % 2 == 1 || i + 1 == dashboard.mastery.size()) ImGui::Spacing();
  }
}

// The progress screens' part of the test hook's state (tests/e2e/README.md): the figures as last drawn.
std::string App::progress_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  out.StartObject();
  const bool measured = course_.bundle && progress_.course == course_.id && progress_.revision != ~0ull &&
                        session_.current() && progress_.learner == session_.current()->id;
  out.Key("course");
  if (measured) out.String(course_.id.c_str());
  else out.Null();
  if (measured) {
    const report::Headline& headline = progress_.dashboard.headline;
    out.Key("dashboard");
    out.StartObject();
    out.Key("points");
    out.Int(headline.points);
    out.Key("streak");
    out.Int(headline.streak_days);
    out.Key("mastered");
    out.Int(headline.skills_mastered);
    out.Key("skills");
    out.Int(headline.skills_total);
    out.Key("minutes_week");
    out.Double(headline.minutes_last_7_days);
    out.Key("answers");
    out.Int(headline.answers);
    out.Key("correct");
    out.Int(headline.correct);
    out.Key("accuracy");
    out.Int(headline.accuracy_percent());
    out.Key("minutes_per_day");
    out.StartArray();
    for (const report::DayMinutes& day : progress_.dashboard.minutes_per_day) out.Double(day.minutes);
    out.EndArray();
    out.Key("accuracy_weekly");
    out.Bool(progress_.dashboard.accuracy_weekly);
    out.Key("calibration");
    out.StartObject();
    out.Key("sure_answers");
    out.Int(progress_.dashboard.calibration.sure_answers);
    out.Key("enough");
    out.Bool(progress_.dashboard.calibration.enough);
    out.Key("sentence");
    out.String(progress_.dashboard.calibration.sentence.c_str());
    out.EndObject();
    out.EndObject();
    out.Key("goals");
    out.StartArray();
    for (const path::GoalProgress& goal : progress_.goals) {
      out.StartObject();
      out.Key("id");
      out.String(goal.goal.c_str());
      out.Key("kind");
      out.String(goal.kind == learner::GoalKind::minutes_per_day ? "minutes_per_day"
                 : goal.kind == learner::GoalKind::master_unit   ? "master_unit"
                                                                 : "master_skills");
      out.Key("title");
      out.String(goal.title.c_str());
      out.Key("status");
      out.String(goal.status.c_str());
      out.Key("fraction");
      out.Double(goal.fraction);
      out.Key("done");
      out.Bool(goal.done);
      out.Key("on_track");
      out.Bool(goal.on_track);
      out.Key("known");
      out.Bool(goal.known);
      out.EndObject();
    }
    out.EndArray();
  }
  if (screen_ == Screen::summary && course_.bundle) {
    const report::SessionSummary& summary = progress_.summary;
    out.Key("summary");
    out.StartObject();
    out.Key("started");
    out.Bool(summary.started);
    out.Key("answers");
    out.Int(summary.answers);
    out.Key("correct");
    out.Int(summary.correct);
    out.Key("points");
    out.Int(summary.points);
    out.Key("minutes");
    out.Double(summary.minutes);
    out.Key("practised");
    out.StartArray();
    for (int skill : summary.skills_practised) out.String(course_.bundle->skills[static_cast<std::size_t>(skill)].id.c_str());
    out.EndArray();
    out.Key("mastered");
    out.StartArray();
    for (int skill : summary.skills_mastered) out.String(course_.bundle->skills[static_cast<std::size_t>(skill)].id.c_str());
    out.EndArray();
    out.Key("suggestions");
    out.StartArray();
    for (const learner::GoalSet& goal : progress_.suggestions) out.String(goal.goal.c_str());
    out.EndArray();
    out.Key("suggestion");
    out.Int(progress_.suggestion);
    out.Key("hard");
    out.String(progress_.hard.c_str());
    out.Key("confidence");
    out.Int(progress_.confidence);
    out.EndObject();
  }
  out.EndObject();
  return buffer.GetString();
}

}  // namespace pathwise::client
