// XXH3-128 content hash of an article (see content_hash.h).
#include "pipeline/content_hash.h"

#include <xxhash.h>

#include <memory>
#include <string_view>

namespace factmine {

std::string ContentHash(const RawArticle& a) {
  // The state's layout is private to libxxhash (it is a shared library), so
  // it is allocated there.
  std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> state(
      XXH3_createState(), XXH3_freeState);
  XXH3_128bits_reset(state.get());
  const std::string_view fields[] = {a.title, a.text, a.source, a.published_at};
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) XXH3_128bits_update(state.get(), "\x1f", 1);
    first = false;
    XXH3_128bits_update(state.get(), f.data(), f.size());
  }
  XXH128_canonical_t canon;
  XXH128_canonicalFromHash(&canon, XXH3_128bits_digest(state.get()));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[2 * i] = kHex[canon.digest[i] >> 4];
    out[2 * i + 1] = kHex[canon.digest[i] & 0xF];
  }
  return out;
}

}  // namespace factmine
