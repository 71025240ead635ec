#include "pipeline/explain.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>

#include "pipeline/fact_queries.h"
#include "pipeline/offset_map.h"

namespace factmine {
namespace {

std::optional<double> Finite(double v) {
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

// Code-point places of normalized spans in the original text of a field.
class Locator {
 public:
  explicit Locator(const FieldText& ft) : ft_(ft), index_(ft.original) {}

  // The original text of a normalized span, on one line.
  std::string Text(Span norm) const {
    Span o = Original(norm);
    std::string out;
    for (char c : std::string_view(ft_.original).substr(o.begin, o.size())) {
      out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    }
    return out;
  }
  // "[start,end)  original-text"
  std::string Place(Span norm) const {
    Span o = Original(norm);
    return "[" + std::to_string(index_.ToCodepoint(o.begin)) + "," +
           std::to_string(index_.ToCodepoint(o.end)) + ")  " + Text(norm);
  }

 private:
  Span Original(Span norm) const {
    const uint32_t orig_size = static_cast<uint32_t>(ft_.original.size());
    const uint32_t b = std::min(ft_.map.ToOriginalBegin(norm.begin), orig_size);
    return {b, std::clamp(ft_.map.ToOriginalEnd(norm.end), b, orig_size)};
  }

  const FieldText& ft_;
  CodepointIndex index_;
};

std::string QuantityValue(const Quantity& q) {
  std::string v = FormatValue(Finite(q.value), Finite(q.lower), Finite(q.upper),
                              ApproxName(q.approx), q.unit);
  if (!q.base_unit.empty() && q.base_unit != q.unit && std::isfinite(q.value)) {
    v += " (= " + FormatValue(q.value * q.to_base, std::nullopt, std::nullopt, "exact",
                              q.base_unit) + ")";
  }
  return v;
}

std::string SentenceRef(uint32_t sentence) {
  return sentence == kNoSentence ? std::string("-") : "s" + std::to_string(sentence);
}

void Heading(std::string_view name, size_t count, std::string* out) {
  out->append(name).append("  ").append(std::to_string(count)).append("\n");
}

// "  title: " for items of the title, "  " for the text.
std::string Indent(Field f) { return f == Field::kTitle ? "  title: " : "  "; }

std::string EntityName(const Document& doc, int32_t mention, std::string_view id,
                       const std::string& name) {
  std::string s = name.empty() && mention >= 0 && static_cast<size_t>(mention) <
                                                      doc.entities.size()
                      ? std::string(doc.View(doc.entities[mention].field,
                                             doc.entities[mention].span))
                      : name;
  if (!id.empty()) s += " (" + std::string(id) + ")";
  return s;
}

}  // namespace

std::string ExplainDocument(const Document& doc) {
  const std::array<Locator, 2> loc = {Locator(doc.field(Field::kTitle)),
                                      Locator(doc.field(Field::kText))};
  auto place = [&](Field f, Span s) { return loc[static_cast<int>(f)].Place(s); };
  std::string out;

  Heading("sentences", doc.sentences.size(), &out);
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    out += Indent(s.field);
    out += "s" + std::to_string(i) + "  " + std::string(LangName(s.lang).empty()
                                                            ? "-"
                                                            : LangName(s.lang));
    out += "  " + place(s.field, s.span);
    if (!s.citations.empty()) {
      out += "  citations ";
      for (uint32_t c : s.citations) {
        for (int idx : doc.citations[c].indices) out += "[" + std::to_string(idx) + "]";
      }
    }
    out += "\n";
  }

  out += "tokens\n";
  for (size_t i = 0, t = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    std::string line;
    for (; t < doc.tokens.size() && doc.tokens[t].sentence == i; ++t) {
      if (!line.empty()) line += " | ";
      line += doc.View(s.field, doc.tokens[t].span);
    }
    if (!line.empty()) out += std::string(Indent(s.field)) + "s" + std::to_string(i) + "  " +
                              line + "\n";
  }

  Heading("entities", doc.entities.size(), &out);
  for (const EntityMention& m : doc.entities) {
    out += Indent(m.field) + place(m.field, m.span) + "  ";
    out += m.linked() ? std::string(m.id) : std::string("(unlinked)");
    out += " " + std::string(EntityTypeName(m.type));
    if (!m.name.empty()) out += " \"" + std::string(m.name) + "\"";
    out += "  " + SentenceRef(m.sentence) + "  " + std::string(m.rule) + "\n";
  }

  Heading("quantities", doc.quantities.size(), &out);
  for (const Quantity& q : doc.quantities) {
    out += Indent(q.field) + place(q.field, q.span) + "  " + QuantityValue(q);
    out += "  " + q.dimension + " " + std::string(ApproxName(q.approx));
    out += "  " + SentenceRef(q.sentence) + "  " + std::string(q.rule) + "\n";
  }

  Heading("dates", doc.dates.size(), &out);
  for (const DateMention& d : doc.dates) {
    out += Indent(d.field) + place(d.field, d.span) + "  ";
    out += d.value.empty() ? std::string("(unresolved)") : d.value;
    out += " " + d.grain;
    if (!d.relation.empty()) out += " " + d.relation;
    if (!d.part.empty()) out += " " + d.part;
    if (d.relative) out += " relative";
    out += "  " + SentenceRef(d.sentence) + "  " + std::string(d.rule) + "\n";
  }

  Heading("claims", doc.claims.size(), &out);
  for (size_t i = 0; i < doc.claims.size(); ++i) {
    const Claim& c = doc.claims[i];
    out += "  c" + std::to_string(i) + "  " + SentenceRef(c.sentence) + "  ";
    out += EntityName(doc, c.subject_mention, c.subject_id, c.subject) + " [" +
           std::string(SubjectFromName(c.subject_from)) + "]  " + std::string(c.attribute);
    if (!c.object.empty() || !c.object_id.empty()) {
      out += " of " + EntityName(doc, c.object_mention, c.object_id, c.object);
    }
    if (!c.counterpart.empty() || !c.counterpart_id.empty()) {
      out += " toward " + EntityName(doc, c.counterpart_mention, c.counterpart_id,
                                     c.counterpart);
    }
    out += " = ";
    if (c.quantity < doc.quantities.size()) {
      const Quantity& q = doc.quantities[c.quantity];
      out += QuantityValue(q) + "  \"" + loc[static_cast<int>(q.field)].Text(q.span) + "\"";
    } else {
      out += "?";
    }
    out += "\n      ";
    if (!c.time.empty()) out += "time " + c.time + "  ";
    out += "modality " + std::string(ModalityName(c.modality)) + "  ";
    if (!c.attribution.empty()) {
      out += "attribution " + EntityName(doc, -1, c.attribution_id, c.attribution) + "  ";
    }
    char conf[16];
    std::snprintf(conf, sizeof(conf), "%.2f", c.confidence);
    out += "confidence " + std::string(conf) + "  " + std::string(c.rule) + "\n";
  }
  return out;
}

}  // namespace factmine
