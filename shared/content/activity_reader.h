// Reading one activity of a bundle (common fields and the payload of its type), reporting every problem.
// Internal to the bundle loader; split out because each activity type has its own rules.
#pragma once

#include <string>

#include "content/bundle.h"
#include "content/field_reader.h"

namespace pathwise::content {

enum class ActivityRole { activity, checkpoint };

// Reads `value` (at `pointer`) into an Activity. Problems are reported through `reader`; the activity is
// returned even when it has errors, so that later checks can still refer to it by position.
Activity read_activity(FieldReader& reader, const json::Value& value, const std::string& pointer, ActivityRole role);

// The estimated seconds a type takes when the bundle does not say.
int default_seconds(ActivityType type);

}  // namespace pathwise::content
