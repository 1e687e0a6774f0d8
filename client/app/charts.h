// Charts and figures for the progress screens, drawn with ImGui's draw list in the theme's palette: headline
// number tiles, bar charts (rounded bars, a light grid, axis labels, an optional dashed target line), a line
// chart with gaps for periods without data, and labelled meters. Sizes are CSS pixels times the UI scale; every
// chart takes the width it is given, so one layout serves a 360 px phone and a laptop column.
//
// Each figure is listed with the item registry under a stable path (role "img" for charts with a description of
// their data as the label, "meter" and "progressbar" for meters, "text" for tiles), so tests read the numbers
// and the accessibility mirror can say them.
#pragma once

#include <string>
#include <vector>

namespace pathwise::client::charts {

// A headline number: "120" over "points". `label` is what the test hook and screen readers get ("120 points").
struct Stat {
  std::string path;
  std::string value;
  std::string caption;
  std::string label;
};

// Tiles of equal size in rows, as many per row as fit at `min_width_css` each (at most `max_columns`).
void stat_tiles(const std::vector<Stat>& stats, float min_width_css = 104.0f, int max_columns = 5);

struct Bar {
  float value = 0.0f;       // in the chart's unit
  bool empty = false;       // no data for this bar: a faint stub, not a zero
  bool highlight = false;   // drawn in the full accent colour (today)
  std::string label;        // under the bar when it fits ("Mon 5")
  std::string short_label;  // when `label` does not fit ("M"); when neither fits, every other label is dropped
  std::string value_label;  // above the bar when it fits ("12"); empty: none
};

struct BarChart {
  std::string title;
  std::string subtitle;       // right of the title, secondary ("last 14 days")
  std::vector<Bar> bars;
  float max_value = 0.0f;     // the top of the axis; 0: a round number above the largest value (and the target)
  std::string unit;           // after the top axis label ("min", "%")
  float target = 0.0f;        // a dashed line across the chart (a daily goal); 0: none
  std::string target_label;   // beside the line ("goal 15")
  std::string caption;        // under the axis labels ("how sure you were")
  bool line = false;          // draw the values as a line through dots instead of bars (gaps skip empty ones)
};

// The chart in a rounded panel across `width` (0: the available width), `height_css` tall in all.
void chart(const char* path, const BarChart& chart, const std::string& description, float width = 0.0f,
           float height_css = 210.0f);

// A labelled bar: the title on the left, `value_text` on the right, a rounded track filled to `fraction`, and
// an optional secondary `note` under it. `done` fills it in the accent colour (mastered, reached).
// `width` 0 takes the available width.
void meter(const char* path, const char* role, const std::string& title, const std::string& value_text,
           const std::string& note, float fraction, bool done, const std::string& label, float width = 0.0f);

// Before a ui::button in a row of them: stays on the row when a button labelled `label` still fits, else the
// button starts the next row (a phone is too narrow for most rows of buttons).
void same_line_if_room(const char* label);

// A round number at or above `value` whose half is round too (0, 5, 10; 0, 15, 30), for axis tops.
float nice_axis_top(float value);

}  // namespace pathwise::client::charts
