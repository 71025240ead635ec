// The output line of `factmine extract` (see extract_json.h).
#include "pipeline/extract_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "pipeline/offset_map.h"
#include "pipeline/table_writer.h"

namespace factmine {

namespace {

constexpr std::string_view kJsonlKeyPrefix = "jsonl:";

void AppendKey(std::string_view key, std::string* out) {
  // Keys are fixed ASCII names: no escaping needed.
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

void AppendUint(uint32_t v, std::string* out) {
  char buf[16];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

// Locates normalized spans of one field in its original text. The
// code-point index is built on first use (most fields hold no mention).
class FieldLocator {
 public:
  explicit FieldLocator(const FieldText& ft) : ft_(ft) {}

  struct Place {
    uint32_t start = 0, end = 0;  // code points into the original
    std::string_view text;        // the original substring
  };

  Place Locate(Span norm) {
    const uint32_t norm_size = static_cast<uint32_t>(ft_.norm.size());
    const uint32_t orig_size = static_cast<uint32_t>(ft_.original.size());
    uint32_t b = std::min(norm.begin, norm_size);
    uint32_t e = std::clamp(norm.end, b, norm_size);
    uint32_t ob = std::min(ft_.map.ToOriginalBegin(b), orig_size);
    uint32_t oe = std::clamp(ft_.map.ToOriginalEnd(e), ob, orig_size);
    if (!index_) index_.emplace(ft_.original);
    Place p;
    p.start = index_->ToCodepoint(ob);
    p.end = index_->ToCodepoint(oe);
    p.text = std::string_view(ft_.original).substr(ob, oe - ob);
    return p;
  }

 private:
  const FieldText& ft_;
  std::optional<CodepointIndex> index_;
};

// Appends "start":..,"end":..,"text":".." for `span` of `field`.
void AppendPlace(Field field, Span span, FieldLocator* locators, std::string* out) {
  FieldLocator::Place p = locators[static_cast<int>(field)].Locate(span);
  AppendKey("start", out);
  AppendUint(p.start, out);
  out->push_back(',');
  AppendKey("end", out);
  AppendUint(p.end, out);
  out->push_back(',');
  AppendKey("text", out);
  AppendJsonString(p.text, out);
}

void AppendQuantity(const Quantity& q, FieldLocator* locators, std::string* out) {
  out->push_back('{');
  AppendPlace(q.field, q.span, locators, out);
  out->push_back(',');
  AppendKey("value", out);
  AppendJsonNumber(q.value, out);
  out->push_back(',');
  AppendKey("lower", out);
  AppendJsonNumber(q.lower, out);
  out->push_back(',');
  AppendKey("upper", out);
  AppendJsonNumber(q.upper, out);
  out->push_back(',');
  AppendKey("approx", out);
  AppendJsonString(ApproxName(q.approx), out);
  out->push_back(',');
  AppendKey("unit", out);
  AppendJsonString(q.unit, out);
  out->push_back(',');
  AppendKey("dimension", out);
  AppendJsonString(q.dimension, out);
  out->push_back(',');
  AppendKey("rule", out);
  AppendJsonString(q.rule, out);
  if (q.field == Field::kTitle) {
    out->push_back(',');
    AppendKey("field", out);
    AppendJsonString("title", out);
  }
  if (q.approx == Approx::kRange) {
    out->push_back(',');
    AppendKey("range", out);
    out->push_back('{');
    AppendKey("lo", out);
    AppendJsonNumber(q.lower, out);
    out->push_back(',');
    AppendKey("hi", out);
    AppendJsonNumber(q.upper, out);
    out->push_back('}');
  }
  if (!q.base_unit.empty() && q.unit != q.base_unit) {
    out->push_back(',');
    AppendKey("base_unit", out);
    AppendJsonString(q.base_unit, out);
    out->push_back(',');
    AppendKey("to_base", out);
    AppendJsonNumber(q.to_base, out);
  }
  out->push_back('}');
}

void AppendDate(const DateMention& d, FieldLocator* locators, std::string* out) {
  out->push_back('{');
  AppendPlace(d.field, d.span, locators, out);
  out->push_back(',');
  AppendKey("value", out);
  AppendJsonString(d.value, out);
  out->push_back(',');
  AppendKey("grain", out);
  AppendJsonString(d.grain, out);
  out->push_back(',');
  AppendKey("relation", out);
  AppendJsonString(d.relation, out);
  out->push_back(',');
  AppendKey("relative", out);
  out->append(d.relative ? "true" : "false");
  out->push_back(',');
  AppendKey("rule", out);
  AppendJsonString(d.rule, out);
  if (d.field == Field::kTitle) {
    out->push_back(',');
    AppendKey("field", out);
    AppendJsonString("title", out);
  }
  out->push_back('}');
}

}  // namespace

std::string_view ExtractId(const RawArticle& raw) {
  std::string_view key = raw.key;
  if (key.substr(0, kJsonlKeyPrefix.size()) == kJsonlKeyPrefix) {
    key.remove_prefix(kJsonlKeyPrefix.size());
  }
  return key;
}

void AppendJsonNumber(double v, std::string* out) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  char buf[32];
  // Whole numbers below 2^53 in full (28500000, 1200000000, not 1.2e+09);
  // everything else in its shortest round-trip form.
  const bool whole = std::fabs(v) < 9007199254740992.0 && v == std::trunc(v);
  auto r = whole ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                 : std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

void WriteExtractJson(const Document& doc, std::string* out) {
  FieldLocator locators[2] = {FieldLocator(doc.field(Field::kTitle)),
                              FieldLocator(doc.field(Field::kText))};
  // About 170 bytes per item plus their text: one allocation, not a doubling
  // series.
  out->reserve(out->size() + 64 + doc.raw().key.size() +
               192 * (doc.quantities.size() + doc.dates.size()));
  out->append("{\"id\":");
  AppendJsonString(ExtractId(doc.raw()), out);
  out->append(",\"quantities\":[");
  for (size_t i = 0; i < doc.quantities.size(); ++i) {
    if (i) out->push_back(',');
    AppendQuantity(doc.quantities[i], locators, out);
  }
  out->append("],\"dates\":[");
  for (size_t i = 0; i < doc.dates.size(); ++i) {
    if (i) out->push_back(',');
    AppendDate(doc.dates[i], locators, out);
  }
  out->append("]}\n");
}

void WriteExtractError(std::string_view id, std::string_view message,
                       std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(id, out);
  out->append(",\"error\":");
  AppendJsonString(message, out);
  out->append("}\n");
}

}  // namespace factmine
