// matching: not drawn yet. Its renderer arrives with the student experience (issue 6); until then `available` is
// false and the path engine is never asked for activities of this type.
#include "app/activity/renderer.h"
#include "app/widgets.h"

namespace pathwise::client::activity {

namespace {

void begin(const content::Activity&, Draft&, std::uint64_t) {}

Ask draw(Context&) {
  ui::paragraph("This kind of activity cannot be shown yet.", true);
  return Ask::incomplete;
}

content::Response response(const content::Activity&, const Draft&) { return {}; }

std::string said(const content::Activity&, const Draft&) { return ""; }

}  // namespace

const Renderer kMatching{begin, draw, response, said, false};

}  // namespace pathwise::client::activity
