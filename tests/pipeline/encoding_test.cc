// Tests for pipeline/encoding.h: BOMs, UTF-16, GB18030/GBK, Big5, damaged
// UTF-8, NUL bytes, binaries. Legacy-encoded samples are produced here with
// ICU from UTF-8 sentences written for these tests.
#include "pipeline/encoding.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>
#include <vector>

namespace factmine {
namespace {

template <size_t N>
std::string Bytes(const char (&a)[N]) {
  return std::string(a, N - 1);
}

// `utf8` converted to `charset` with ICU; fails the test if it cannot be.
std::string Encode(const char* charset, const std::string& utf8) {
  UErrorCode ec = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(),
                           static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &ec);
  EXPECT_TRUE(U_SUCCESS(ec)) << charset << ": " << u_errorName(ec);
  out.resize(static_cast<size_t>(n));
  return out;
}

Decoded MustDecode(const std::string& bytes) {
  Result<Decoded> r = DecodeToUtf8(bytes);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : Decoded{};
}

TEST(Encoding, EmptyIsRejected) {
  Result<Decoded> r = DecodeToUtf8("");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.status().message(), "empty file");
}

TEST(Encoding, PlainUtf8PassesThrough) {
  const std::string text = "Lithium output rose 12% 锂产量增长。\n";
  Decoded d = MustDecode(text);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.utf8, text);
  EXPECT_TRUE(d.notes.empty());
}

TEST(Encoding, Utf8BomIsStripped) {
  Decoded d = MustDecode(
      "\xEF\xBB\xBF"
      "港口吞吐量\n");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.utf8, "港口吞吐量\n");
  EXPECT_TRUE(d.notes.empty());
}

TEST(Encoding, Utf16WithBom) {
  const std::string text = "Copper 铜 price\n第二行";
  Decoded le = MustDecode("\xFF\xFE" + Encode("UTF-16LE", text));
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.utf8, text);
  EXPECT_TRUE(le.notes.empty());
  Decoded be = MustDecode("\xFE\xFF" + Encode("UTF-16BE", text));
  EXPECT_EQ(be.encoding, "UTF-16BE");
  EXPECT_EQ(be.utf8, text);
}

TEST(Encoding, Utf16LoneSurrogateBecomesReplacementCharacter) {
  // "A", a lone high surrogate D800, "B".
  Decoded le =
      MustDecode(Bytes("\xFF\xFE"
                       "A\0\x00\xD8"
                       "B\0"));
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.utf8,
            "A\xEF\xBF\xBD"
            "B");
  EXPECT_EQ(le.notes,
            std::vector<std::string>{"1 invalid UTF-16LE sequence replaced"});
  // A lone low surrogate DC00 in big-endian, and an odd trailing byte.
  Decoded be = MustDecode(Bytes("\xFE\xFF\0A\xDC\x00\0B\0"));
  EXPECT_EQ(be.encoding, "UTF-16BE");
  EXPECT_EQ(be.utf8,
            "A\xEF\xBF\xBD"
            "B\xEF\xBF\xBD");
  EXPECT_EQ(be.notes,
            std::vector<std::string>{"2 invalid UTF-16BE sequences replaced"});
}

TEST(Encoding, Utf16WithoutBomFromNulPattern) {
  const std::string text = "Hello,\n中国 steel exports\n";
  Decoded le = MustDecode(Encode("UTF-16LE", text));
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.utf8, text);
  Decoded be = MustDecode(Encode("UTF-16BE", text));
  EXPECT_EQ(be.encoding, "UTF-16BE");
  EXPECT_EQ(be.utf8, text);
}

// Sentences written for this test, in Simplified and Traditional script.
const std::vector<std::string>& Simplified() {
  static const std::vector<std::string> v = {
      "中国",
      "稀土出口",
      "俄罗斯打造自主稀土产业链",
      "我们的工厂今年生产了三千吨钢材，比去年多了一成。",
      "研究人员发现这种材料在高温下依然保持稳定，可以用于制造发动机零件。",
      "据报道，该公司第三季度营业收入同比增长百分之十二，净利润创历史新高。",
      "Market update "
      "市场快讯\n两国领导人就贸易、能源和科技合作深入交换了意见。\n"
      "Output: 4,500 tonnes.\n",
  };
  return v;
}

const std::vector<std::string>& Traditional() {
  static const std::vector<std::string> v = {
      "中國",
      "經濟發展與國際貿易關係",
      "臺灣的天氣很好，我們一起去公園散步吧。",
      "國家統計局發佈數據顯示，今年前三季度國內生產總值同比增長。",
      "專家提醒，冬季氣溫較低，老人和孩子要注意保暖。",
      "Report 報告\n新建的港口碼頭可以同時停靠四艘大型貨輪。\n",
  };
  return v;
}

TEST(Encoding, Gb18030IncludingShortTexts) {
  for (const std::string& text : Simplified()) {
    Decoded d = MustDecode(Encode("GB18030", text));
    EXPECT_EQ(d.encoding, "GB18030") << text;
    EXPECT_EQ(d.utf8, text);
    EXPECT_TRUE(d.notes.empty()) << text;
  }
}

TEST(Encoding, GbkDecodesAsGb18030) {
  // 镕 and 堃 are GBK characters outside GB2312; 𠀀 (U+20000) needs the
  // four-byte form of GB18030.
  for (const std::string text : {"朱镕基与王堃会面。钢铁产量稳步提高。",
                                 "罕见字𠀀出现在古籍里，研究者正在整理。"}) {
    std::string gbk = Encode("GB18030", text);
    Decoded d = MustDecode(gbk);
    EXPECT_EQ(d.encoding, "GB18030") << text;
    EXPECT_EQ(d.utf8, text);
  }
  // The same bytes from a GBK encoder.
  std::string text = "朱镕基与王堃会面。钢铁产量稳步提高。";
  Decoded d = MustDecode(Encode("GBK", text));
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.utf8, text);
}

TEST(Encoding, Big5IncludingShortTexts) {
  for (const std::string& text : Traditional()) {
    Decoded d = MustDecode(Encode("Big5", text));
    EXPECT_EQ(d.encoding, "Big5") << text;
    EXPECT_EQ(d.utf8, text);
    EXPECT_TRUE(d.notes.empty()) << text;
  }
}

TEST(Encoding, DamagedGb18030IsRepairedWithANote) {
  std::string text =
      "据报道，该公司第三季度营业收入同比增长百分之十二，净利润创历史新高。"
      "研究人员发现这种材料在高温下依然保持稳定。";
  std::string bytes = Encode("GB18030", text);
  bytes.insert(bytes.begin() + 20, '\xFF');
  Decoded d = MustDecode(bytes);
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.notes,
            std::vector<std::string>{"1 invalid GB18030 sequence replaced"});
  EXPECT_NE(d.utf8.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(Encoding, MostlyUtf8WithAFewBadBytes) {
  Decoded d = MustDecode("中文文本里有一个坏字节\xFF在这里，\xC3还有一个。");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.utf8,
            "中文文本里有一个坏字节\xEF\xBF\xBD在这里，\xEF\xBF\xBD还有一个。");
  EXPECT_EQ(d.notes,
            std::vector<std::string>{"2 invalid UTF-8 sequences replaced"});
}

TEST(Encoding, Windows1252Text) {
  Decoded d = MustDecode(
      "Caf\xE9 cr\xE8me \xE0 la carte and \x93quoted\x94 r\xE9sum\xE9s.\n");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.utf8, "Café crème à la carte and “quoted” résumés.\n");
}

TEST(Encoding, AFewNulBytesAreRemoved) {
  Decoded d = MustDecode(Bytes(
      "Nickel prices\0 climbed for a third week as smelters cut output.\0\n"));
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.utf8,
            "Nickel prices climbed for a third week as smelters cut output.\n");
  EXPECT_EQ(d.notes, std::vector<std::string>{"2 NUL bytes removed"});
  Decoded one =
      MustDecode(Bytes("A single NUL byte\0 hides in this line of text."));
  EXPECT_EQ(one.notes, std::vector<std::string>{"1 NUL byte removed"});
}

TEST(Encoding, BinaryFilesAreRejected) {
  struct Case {
    std::string bytes;
    std::string message;
  };
  std::string random;
  unsigned x = 12345;
  for (int i = 0; i < 2000; ++i) {
    x = x * 1103515245u + 12345u;
    random += static_cast<char>(x >> 16);
  }
  const std::vector<Case> cases = {
      {Bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"),
       "binary file (PNG image)"},
      {Bytes("\x7f"
             "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0"),
       "binary file (ELF executable)"},
      {Bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "binary file (PDF document)"},
      {Bytes("PK\x03\x04\x14\0\0\0\x08\0"), "binary file (ZIP archive)"},
      {random, "binary file (229 of 2000 bytes are NUL or control bytes)"},
      {Bytes("abc\0\x01\x02\x03\x04\x05xyz"),
       "binary file (6 of 12 bytes are NUL or control bytes)"},
  };
  for (const Case& c : cases) {
    Result<Decoded> r = DecodeToUtf8(c.bytes);
    ASSERT_FALSE(r.ok()) << c.message;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(r.status().message(), c.message);
  }
}

TEST(Encoding, UndecodableHighBytes) {
  Result<Decoded> r = DecodeToUtf8(std::string(100, '\x80'));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "undecodable (not UTF-8, UTF-16, GB18030, Big5 or Latin-1 text: "
            "100 invalid UTF-8 sequences)");
}

TEST(Utf8, Validation) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII text that is long enough for words"));
  EXPECT_TRUE(IsValidUtf8("稀土 €5 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE4\xB8"));       // truncated
  EXPECT_FALSE(IsValidUtf8("12345678\x80"));      // stray continuation
}

TEST(Utf8, ReplaceUsesMaximalSubparts) {
  struct Case {
    std::string in, out;
    size_t replaced;
  };
  const std::string R = "\xEF\xBF\xBD";
  const std::vector<Case> cases = {
      {"ok", "ok", 0},
      {"\xC0\x80", R + R, 2},          // C0 is never a lead
      {"\xE0\x80\x80", R + R + R, 3},  // E0 needs A0..BF next
      {"\xED\xA0\x80", R + R + R, 3},  // surrogate
      {"\xE4\xB8"
       "A",
       R + "A", 1},            // one subpart of two bytes
      {"\xF0\x9F\x98", R, 1},  // truncated at the end
      {"a\xFF"
       "b\xE4\xB8\xAD",
       "a" + R + "b中", 1},
  };
  for (const Case& c : cases) {
    size_t n = 99;
    EXPECT_EQ(ReplaceInvalidUtf8(c.in, &n), c.out);
    EXPECT_EQ(n, c.replaced);
    EXPECT_TRUE(IsValidUtf8(ReplaceInvalidUtf8(c.in, nullptr)));
  }
}

TEST(Encoding, CountNote) {
  EXPECT_EQ(CountNote(1, "NUL byte removed", "NUL bytes removed"),
            "1 NUL byte removed");
  EXPECT_EQ(CountNote(3, "NUL byte removed", "NUL bytes removed"),
            "3 NUL bytes removed");
}

}  // namespace
}  // namespace factmine
