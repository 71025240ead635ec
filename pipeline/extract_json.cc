// The output line of `factmine extract` (see extract_json.h).
#include "pipeline/extract_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "pipeline/encoding.h"
#include "pipeline/offset_map.h"
#include "pipeline/table_writer.h"

namespace factmine {

namespace {

constexpr std::string_view kJsonlKeyPrefix = "jsonl:";

void AppendUint(uint32_t v, std::string* out) {
  char buf[16];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

// AppendJsonString with a fast path for what most values are: text that
// needs no escaping (identifiers, numbers with units, CJK).
void AppendString(std::string_view s, std::string* out) {
  bool ascii = true;
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == '"' || c == '\\') return AppendJsonString(s, out);
    ascii &= c < 0x80;
  }
  if (!ascii && !IsValidUtf8(s)) return AppendJsonString(s, out);
  out->push_back('"');
  out->append(s);
  out->push_back('"');
}

// Code points in s (UTF-8): the bytes that are not continuation bytes.
uint32_t CountCodepoints(std::string_view s) {
  uint32_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

// Locates normalized spans of one field in its original text. Layers are
// sorted by begin, so a cursor walks the text once, and only as far as the
// last mention; a span before the cursor (an unsorted layer) switches to a
// CodepointIndex, so no order costs more than one pass per lookup.
class FieldLocator {
 public:
  explicit FieldLocator(const FieldText& ft) : ft_(ft) {}

  struct Place {
    uint32_t start = 0, end = 0;  // code points into the original
    std::string_view text;        // the original substring
  };

  Place Locate(Span norm) {
    const std::string_view orig = ft_.original;
    const uint32_t norm_size = static_cast<uint32_t>(ft_.norm.size());
    const uint32_t orig_size = static_cast<uint32_t>(orig.size());
    uint32_t b = std::min(norm.begin, norm_size);
    uint32_t e = std::clamp(norm.end, b, norm_size);
    uint32_t ob = std::min(ft_.map.ToOriginalBegin(b), orig_size);
    uint32_t oe = std::clamp(ft_.map.ToOriginalEnd(e), ob, orig_size);
    Place p;
    p.text = orig.substr(ob, oe - ob);
    if (ob < cursor_byte_ && !index_) index_.emplace(orig);
    if (index_) {
      p.start = index_->ToCodepoint(ob);
    } else {
      cursor_cp_ += CountCodepoints(orig.substr(cursor_byte_, ob - cursor_byte_));
      cursor_byte_ = ob;
      p.start = cursor_cp_;
    }
    p.end = p.start + CountCodepoints(p.text);
    return p;
  }

 private:
  const FieldText& ft_;
  uint32_t cursor_byte_ = 0;  // a code-point boundary at or before the last begin
  uint32_t cursor_cp_ = 0;    // code points before cursor_byte_
  std::optional<CodepointIndex> index_;
};

// Appends "start":..,"end":..,"text":".." for `span` of `field`.
void AppendPlace(Field field, Span span, FieldLocator* locators, std::string* out) {
  FieldLocator::Place p = locators[static_cast<int>(field)].Locate(span);
  out->append("\"start\":");
  AppendUint(p.start, out);
  out->append(",\"end\":");
  AppendUint(p.end, out);
  out->append(",\"text\":");
  AppendString(p.text, out);
}

// ,"value","lower","upper","approx","unit" of a quantity (or of the claim
// it is the value of).
void AppendValue(const Quantity& q, std::string* out) {
  out->append(",\"value\":");
  AppendJsonNumber(q.value, out);
  out->append(",\"lower\":");
  AppendJsonNumber(q.lower, out);
  out->append(",\"upper\":");
  AppendJsonNumber(q.upper, out);
  out->append(",\"approx\":");
  AppendString(ApproxName(q.approx), out);
  out->append(",\"unit\":");
  AppendString(q.unit, out);
}

void AppendQuantity(const Quantity& q, FieldLocator* locators, std::string* out) {
  out->push_back('{');
  AppendPlace(q.field, q.span, locators, out);
  AppendValue(q, out);
  out->append(",\"dimension\":");
  AppendString(q.dimension, out);
  out->append(",\"rule\":");
  AppendString(q.rule, out);
  if (q.field == Field::kTitle) out->append(",\"field\":\"title\"");
  if (q.approx == Approx::kRange) {
    out->append(",\"range\":{\"lo\":");
    AppendJsonNumber(q.lower, out);
    out->append(",\"hi\":");
    AppendJsonNumber(q.upper, out);
    out->push_back('}');
  }
  if (!q.base_unit.empty() && q.unit != q.base_unit) {
    out->append(",\"base_unit\":");
    AppendString(q.base_unit, out);
    out->append(",\"to_base\":");
    AppendJsonNumber(q.to_base, out);
  }
  out->push_back('}');
}

void AppendDate(const DateMention& d, FieldLocator* locators, std::string* out) {
  out->push_back('{');
  AppendPlace(d.field, d.span, locators, out);
  out->append(",\"value\":");
  AppendString(d.value, out);
  out->append(",\"grain\":");
  AppendString(d.grain, out);
  out->append(",\"relation\":");
  AppendString(d.relation, out);
  if (!d.part.empty()) {
    out->append(",\"part\":");
    AppendString(d.part, out);
  }
  out->append(d.relative ? ",\"relative\":true" : ",\"relative\":false");
  out->append(",\"rule\":");
  AppendString(d.rule, out);
  if (d.field == Field::kTitle) out->append(",\"field\":\"title\"");
  out->push_back('}');
}

void AppendEntity(const EntityMention& m, FieldLocator* locators, std::string* out) {
  FieldLocator::Place p = locators[static_cast<int>(m.field)].Locate(m.span);
  out->append("{\"start\":");
  AppendUint(p.start, out);
  out->append(",\"end\":");
  AppendUint(p.end, out);
  out->append(",\"text\":");
  AppendString(p.text, out);
  if (m.linked()) {
    out->append(",\"id\":");
    AppendString(m.id, out);
  } else {
    out->append(",\"id\":null");
  }
  out->append(",\"type\":");
  AppendString(EntityTypeName(m.type), out);
  // The canonical name only when it says more than the text: an unlinked
  // name, or "China" written as China, is its text.
  if (m.linked() && m.name != p.text) {
    out->append(",\"name\":");
    AppendString(m.name, out);
  }
  out->append(",\"rule\":");
  AppendString(m.rule, out);
  if (m.field == Field::kTitle) out->append(",\"field\":\"title\"");
  out->push_back('}');
}

// A string_view id, or null when empty (unlinked).
void AppendId(std::string_view id, std::string* out) {
  if (id.empty()) {
    out->append("null");
  } else {
    AppendString(id, out);
  }
}

void AppendClaim(const Document& doc, const Claim& c, FieldLocator* locators,
                 std::string* out) {
  const Quantity& q = doc.quantities[c.quantity];
  const Sentence& s = doc.sentences[c.sentence];
  out->append("{\"subject_id\":");
  AppendId(c.subject_id, out);
  out->append(",\"subject\":");
  AppendString(c.subject, out);
  out->append(",\"subject_from\":");
  AppendString(SubjectFromName(c.subject_from), out);
  out->append(",\"attribute\":");
  AppendString(c.attribute, out);
  out->append(",\"object_id\":");
  AppendId(c.object_id, out);
  out->append(",\"object\":");
  AppendString(c.object, out);
  AppendValue(q, out);
  out->append(",\"quantity\":");
  AppendUint(c.quantity, out);
  out->append(",\"counterpart_id\":");
  AppendId(c.counterpart_id, out);
  out->append(",\"counterpart\":");
  AppendString(c.counterpart, out);
  out->append(",\"time\":");
  AppendString(c.time, out);
  out->append(",\"modality\":");
  AppendString(ModalityName(c.modality), out);
  out->append(",\"attribution_id\":");
  AppendId(c.attribution_id, out);
  out->append(",\"attribution\":");
  AppendString(c.attribution, out);
  FieldLocator::Place p = locators[static_cast<int>(s.field)].Locate(s.span);
  out->append(",\"start\":");
  AppendUint(p.start, out);
  out->append(",\"end\":");
  AppendUint(p.end, out);
  if (s.field == Field::kTitle) out->append(",\"field\":\"title\"");
  out->append(",\"citations\":[");
  bool first = true;
  for (uint32_t ci : s.citations) {
    for (int n : doc.citations[ci].indices) {
      if (!first) out->push_back(',');
      first = false;
      AppendUint(static_cast<uint32_t>(n), out);
    }
  }
  out->append("],\"confidence\":");
  AppendJsonNumber(std::round(c.confidence * 100.0) / 100.0, out);
  out->append(",\"rule\":");
  AppendString(c.rule, out);
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
  auto r = whole && !std::signbit(v)
               ? std::to_chars(buf, buf + sizeof buf, static_cast<uint64_t>(v))
           : whole ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                   : std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

void WriteExtractJson(const Document& doc, std::string* out) {
  FieldLocator locators[2] = {FieldLocator(doc.field(Field::kTitle)),
                              FieldLocator(doc.field(Field::kText))};
  // About 170 bytes per item plus their text: one allocation, not a doubling
  // series.
  out->reserve(out->size() + 64 + doc.raw().key.size() +
               192 * (doc.quantities.size() + doc.dates.size()) +
               128 * doc.entities.size() + 400 * doc.claims.size());
  out->append("{\"id\":");
  AppendString(ExtractId(doc.raw()), out);
  out->append(",\"quantities\":[");
  for (size_t i = 0; i < doc.quantities.size(); ++i) {
    if (i) out->push_back(',');
    AppendQuantity(doc.quantities[i], locators, out);
  }
  out->append("],\"dates\":[");
  // A second walk over each field: the dates are sorted on their own.
  FieldLocator date_locators[2] = {FieldLocator(doc.field(Field::kTitle)),
                                   FieldLocator(doc.field(Field::kText))};
  for (size_t i = 0; i < doc.dates.size(); ++i) {
    if (i) out->push_back(',');
    AppendDate(doc.dates[i], date_locators, out);
  }
  out->append("],\"entities\":[");
  FieldLocator entity_locators[2] = {FieldLocator(doc.field(Field::kTitle)),
                                     FieldLocator(doc.field(Field::kText))};
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    if (i) out->push_back(',');
    AppendEntity(doc.entities[i], entity_locators, out);
  }
  out->append("],\"claims\":[");
  FieldLocator claim_locators[2] = {FieldLocator(doc.field(Field::kTitle)),
                                    FieldLocator(doc.field(Field::kText))};
  for (size_t i = 0; i < doc.claims.size(); ++i) {
    if (i) out->push_back(',');
    AppendClaim(doc, doc.claims[i], claim_locators, out);
  }
  out->append("]}\n");
}

void WriteExtractError(std::string_view id, std::string_view message,
                       std::string* out) {
  out->append("{\"id\":");
  AppendString(id, out);
  out->append(",\"error\":");
  AppendString(message, out);
  out->append("}\n");
}

}  // namespace factmine
