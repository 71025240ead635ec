// Names of the Document enums (stored in the fact base; see document.h).
#include "pipeline/document.h"

namespace factmine {

std::string_view FormatName(Format f) {
  switch (f) {
    case Format::kAuto: return "auto";
    case Format::kDigest: return "digest";
    case Format::kText: return "text";
    case Format::kJsonl: return "jsonl";
  }
  return "auto";
}

bool ParseFormat(std::string_view name, Format* out) {
  for (Format f : {Format::kAuto, Format::kDigest, Format::kText, Format::kJsonl}) {
    if (name == FormatName(f)) {
      *out = f;
      return true;
    }
  }
  return false;
}

std::string_view FieldName(Field f) {
  return f == Field::kTitle ? "title" : "text";
}

std::string_view LangName(Lang l) {
  switch (l) {
    case Lang::kUnknown: return "";
    case Lang::kZh: return "zh";
    case Lang::kEn: return "en";
    case Lang::kMixed: return "mixed";
  }
  return "";
}

std::string_view SectionKindName(SectionKind k) {
  switch (k) {
    case SectionKind::kHeadline: return "headline";
    case SectionKind::kViewpoint: return "viewpoint";
    case SectionKind::kInsights: return "insights";
    case SectionKind::kGroup: return "group";
    case SectionKind::kHeading: return "heading";
    case SectionKind::kBody: return "body";
  }
  return "body";
}

}  // namespace factmine
