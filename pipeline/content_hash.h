// Content hash: the identity of an article in the fact base.
//
// ContentHash is a function of what the article says (title, text, source,
// published_at), never of where it was found (path, position, key, topic,
// format, encoding): the same article in two files, or read twice, has one
// id, so re-ingesting it adds nothing (SPEC §4). It is XXH3-128 (xxHash
// 0.8) over the four fields joined by U+001F (unit separator), written as
// 32 lowercase hex digits, high 64 bits first (xxHash's canonical order).
// The value is stable across runs, machines and byte orders; changing the
// recipe changes every id in every existing fact base.
//
// Thread safety: pure function; safe from any thread.
// Lifetime: returns a new string.
#ifndef FACTMINE_PIPELINE_CONTENT_HASH_H_
#define FACTMINE_PIPELINE_CONTENT_HASH_H_

#include <string>

#include "pipeline/document.h"

namespace factmine {

// 32 lowercase hex digits. Fields are hashed exactly as stored (no
// normalization): "Title" and "Title " are different articles.
std::string ContentHash(const RawArticle& a);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_CONTENT_HASH_H_
