// StartFilter (see start_filter.h).
#include "extractors/entities/start_filter.h"

#include <cstring>


namespace factmine {

namespace {

bool IsAsciiAlnum(uint8_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

StartFilter::StartFilter()
    : two_{std::vector<uint64_t>(65536 / 64), std::vector<uint64_t>(65536 / 64)},
      three_{std::vector<uint64_t>((1u << kThreeBits) / 64),
             std::vector<uint64_t>((1u << kThreeBits) / 64)},
      four_{std::vector<uint64_t>((1u << kThreeBits) / 64),
            std::vector<uint64_t>((1u << kThreeBits) / 64)},
      first_(kDirect / 64),
      one_(kDirect / 64),
      two_cp_((1u << kTwoCpBits) / 64) {}

void StartFilter::Add(std::string_view key, bool upper_start, bool lower_start) {
  if (key.empty()) return;
  const uint8_t k0 = static_cast<uint8_t>(key[0]);
  if (k0 < 0x80) {
    const uint8_t k1 = key.size() > 1 ? static_cast<uint8_t>(key[1]) : 0;
    // The alphanumeric length of the key's first word, up to 4.
    size_t alnum = 0;
    while (alnum < 4 && alnum < key.size() && IsAsciiAlnum(static_cast<uint8_t>(key[alnum]))) {
      ++alnum;
    }
    uint32_t bytes = 0;  // the first three or four bytes, as MayStartWord reads them
    if (alnum >= 3) std::memcpy(&bytes, key.data(), alnum);
    for (int upper = 0; upper < 2; ++upper) {
      if (!(upper ? upper_start : lower_start)) continue;
      Set(&two_[upper], uint32_t{Lower(k0)} << 8 | Lower(k1));
      // A 3-letter text word meets a key whose first word has 3 letters;
      // a longer one a key whose first four bytes are letters or digits.
      if (alnum == 3 || alnum == 4) Set(alnum == 3 ? &three_[upper] : &four_[upper], HashWord(bytes));
    }
    return;
  }
  size_t len1 = 0;
  const uint32_t c1 = CharCode(key, 0, &len1);
  if (c1 >= kDirect) return;  // the scan walks there anyway
  Set(&first_, c1);
  if (len1 >= key.size()) {
    Set(&one_, c1);
    return;
  }
  size_t len2 = 0;
  Set(&two_cp_, HashTwoCp(c1, CharCode(key, len1, &len2)));
}

}  // namespace factmine
