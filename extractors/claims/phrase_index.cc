// PhraseIndex (see phrase_index.h).
#include "extractors/claims/phrase_index.h"

#include <algorithm>

namespace factmine {

namespace {

// Characters of an ASCII bucket key: letters, digits, '&' and '-'
// ("r&d", "self-sufficiency", "co2").
bool IsKeyChar(char c) { return IsAsciiAlnum(c) || c == '&' || c == '-'; }

// Length in bytes of the bucket key at the start of `s` (non-empty).
size_t KeyLength(std::string_view s) {
  const unsigned char c = static_cast<unsigned char>(s[0]);
  if (IsAsciiAlnum(s[0])) {
    size_t n = 1;
    while (n < s.size() && IsKeyChar(s[n])) ++n;
    return n;
  }
  const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::min(len, s.size());
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

}  // namespace

void PhraseIndex::Add(std::string_view phrase, int payload) {
  if (phrase.empty()) return;
  std::string text = Lower(phrase);
  for (size_t i = 0; i < phrases_.size(); ++i) {
    if (phrases_[i].text == text) {
      phrases_[i].payloads.push_back(payload);
      return;
    }
  }
  const int index = static_cast<int>(phrases_.size());
  std::string key = text.substr(0, KeyLength(text));
  phrases_.push_back({std::move(text), {payload}});
  auto& bucket = buckets_[key];
  bucket.push_back(index);
  std::stable_sort(bucket.begin(), bucket.end(), [this](int a, int b) {
    return phrases_[a].text.size() > phrases_[b].text.size();
  });
}

void PhraseIndex::Find(std::string_view text, std::vector<Hit>* out) const {
  out->clear();
  std::string key;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const bool ascii_start = IsAsciiAlnum(c);
    if (ascii_start && i > 0 && IsAsciiAlnum(text[i - 1])) {
      ++i;  // inside a word
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x80 && !ascii_start) {
      ++i;  // space or punctuation: no phrase starts here
      continue;
    }
    const size_t klen = KeyLength(text.substr(i));
    key.assign(text.substr(i, klen));
    for (char& k : key) k = AsciiLower(k);
    bool matched = false;
    auto it = buckets_.find(key);
    if (it != buckets_.end()) {
      for (int p : it->second) {
        const std::string& ph = phrases_[p].text;
        if (i + ph.size() > text.size()) continue;
        bool eq = true;
        for (size_t j = 0; j < ph.size() && eq; ++j) eq = AsciiLower(text[i + j]) == ph[j];
        if (!eq) continue;
        const size_t end = i + ph.size();
        if (IsAsciiAlnum(ph.back()) && end < text.size() && IsAsciiAlnum(text[end])) continue;
        out->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end), p});
        i = end;
        matched = true;
        break;
      }
    }
    if (!matched) {
      // Skip the rest of an ASCII word, or one non-ASCII character.
      if (ascii_start) {
        while (i < text.size() && IsAsciiAlnum(text[i])) ++i;
      } else {
        i += klen;
      }
    }
  }
}

}  // namespace factmine
