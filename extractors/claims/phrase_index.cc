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

// Index into PhraseIndex::ascii_start_ of a word's first two bytes
// (lower-cased; the second is 0 when the word has one).
size_t AsciiPair(std::string_view word) {
  const size_t a = static_cast<unsigned char>(AsciiLower(word[0])) & 0x7F;
  const size_t b = word.size() > 1 ? static_cast<unsigned char>(AsciiLower(word[1])) & 0x7F : 0;
  return a * 128 + b;
}

// The code point of the 2- or 3-byte UTF-8 sequence at s[0], or 0x10000
// for a 4-byte one (or a malformed one).
uint32_t BmpCodePoint(std::string_view s) {
  const unsigned char c = static_cast<unsigned char>(s[0]);
  if (c < 0xE0 && s.size() >= 2) {
    return ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[1]) & 0x3F);
  }
  if (c < 0xF0 && s.size() >= 3) {
    return ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[1]) & 0x3F) << 6) |
           (static_cast<unsigned char>(s[2]) & 0x3F);
  }
  return 0x10000;
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
  if (IsAsciiAlnum(key[0])) {
    ascii_start_.set(AsciiPair(key));
  } else if (static_cast<unsigned char>(key[0]) >= 0x80) {
    const uint32_t cp = BmpCodePoint(key);
    if (cp < 0x10000) {
      bmp_start_.set(cp);
    } else {
      astral_start_ = true;
    }
  }
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
    if (!ascii_start) {
      // The common case first: a character that starts no phrase.
      const unsigned char lead = static_cast<unsigned char>(c);
      const size_t len = std::min<size_t>(lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4, text.size() - i);
      const uint32_t cp = BmpCodePoint(text.substr(i, len));
      if (cp < 0x10000 ? !bmp_start_.test(cp) : !astral_start_) {
        i += len;
        continue;
      }
    }
    const size_t klen = KeyLength(text.substr(i));
    if (ascii_start && !ascii_start_.test(AsciiPair(text.substr(i, klen)))) {
      i += klen;  // no phrase starts with this word
      continue;
    }
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
