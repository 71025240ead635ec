// Explain: a readable account of what analysis found in one article, and
// which rule found each item: the text behind `factmine explain "TEXT"`,
// the first tool to reach for when a fact is wrong.
//
//   sentences  1
//     s0  zh  [0,16)  俄罗斯稀土储量约2850万吨[1]。  citations [1]
//   tokens
//     s0  俄罗斯 | 稀土 | 储量 | 约 | 2850万吨 | 。
//   entities  2
//     [0,3)   俄罗斯  RU country "Russia"  entity.zh.name
//   quantities  1
//     [8,15)  约2850万吨  ≈28,500,000 t  mass about  quantity.zh.unit
//   dates  0
//   claims  1
//     c0  s0  Russia (RU, sentence)  reserves of rare earths = ≈28,500,000 t
//         modality estimated  confidence 0.9  claim.zh.subject_before
//
// Offsets are code points into the ORIGINAL text of the field, end
// exclusive (as `factmine extract` writes them); items of the title are
// listed under "title:" lines before those of the text. Layers a stage did
// not run for stay empty ("tokens" lists only Chinese sentences).
//
// Thread safety: pure function. Lifetime: nothing is kept.
#ifndef FACTMINE_PIPELINE_EXPLAIN_H_
#define FACTMINE_PIPELINE_EXPLAIN_H_

#include <string>

#include "pipeline/document.h"

namespace factmine {

// The report of an analyzed document, '\n'-terminated lines.
// REQUIRES: analysis ran (fields normalized); layer indices are valid.
std::string ExplainDocument(const Document& doc);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_EXPLAIN_H_
