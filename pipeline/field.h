// Field: which text of an article a span points into (the title or the
// body text). A separate header so that extractor layers can name a field
// without depending on the whole Document.
#ifndef FACTMINE_PIPELINE_FIELD_H_
#define FACTMINE_PIPELINE_FIELD_H_

#include <cstdint>
#include <limits>
#include <string_view>

namespace factmine {

enum class Field : uint8_t { kTitle = 0, kText = 1 };
std::string_view FieldName(Field f);  // "title", "text"

// An extractor layer item that lies in no sentence (the sentence layer was
// not built, e.g. by `factmine extract`).
inline constexpr uint32_t kNoSentence = std::numeric_limits<uint32_t>::max();

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_FIELD_H_
