// The gzip seam (common/src/gzip.h, internal): members (libdeflate), streaming inflate (zlib) and
// their boundaries.
#include "../../common/src/gzip.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace vestige::common::gzip {
namespace {

std::string Noise(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(gen() % 7 + 'a');  // compressible, not trivially
  return out;
}

TEST_CASE("gzip (WARC seam): CompressMember round trips through GunzipAll") {
  for (const std::size_t n :
       {std::size_t{0}, std::size_t{1}, std::size_t{1000}, std::size_t{3} << 20}) {
    CAPTURE(n);
    const std::string data = Noise(n, static_cast<unsigned>(n));
    const std::string member = CompressMember(data);
    CHECK(HasMagic(member));
    Result<std::string> back = GunzipAll(member, std::size_t{16} << 20);
    REQUIRE(back.ok());
    CHECK(*back == data);
  }
  CHECK_FALSE(HasMagic(""));
  CHECK_FALSE(HasMagic("\x1f"));
  CHECK(GunzipAll(CompressMember(std::string(2000, 'a')), 1999).status().code() ==
        Status::Code::kCorruption);
  CHECK(GunzipAll(CompressMember(std::string(2000, 'a')), 2000).ok());
}

TEST_CASE("gzip (WARC seam): one MemberDeflater gives independent members, as CompressMember") {
  // Sizes around the reused output buffer's earlier sizes (bigger, smaller, empty, bigger again),
  // and levels 1 and 6, so a stream or buffer reused wrongly shows up as different bytes.
  for (const int level : {1, 6}) {
    CAPTURE(level);
    MemberDeflater deflater(level);
    std::string member = "left over";
    for (const std::size_t n : {std::size_t{20000}, std::size_t{7}, std::size_t{0},
                                std::size_t{300000}, std::size_t{1000}}) {
      CAPTURE(n);
      const std::string data = Noise(n, static_cast<unsigned>(n + 5));
      deflater.Compress(data, &member);
      CHECK(member == CompressMember(data, level));
      Result<std::string> back = GunzipAll(member, std::size_t{1} << 20);
      REQUIRE(back.ok());
      CHECK(*back == data);
    }
  }
}

TEST_CASE("gzip (WARC seam): MemberInflater reports each member end, fed in any pieces") {
  const std::string a = Noise(50000, 1);
  const std::string b = Noise(10, 2);
  const std::string c = Noise(200000, 3);
  const std::string ma = CompressMember(a);
  const std::string mb = CompressMember(b);
  const std::string mc = CompressMember(c);
  const std::string file = ma + mb + mc;
  for (const std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, file.size()}) {
    CAPTURE(piece);
    MemberInflater inflater;
    std::string out;
    std::vector<std::size_t> ends;       // input offsets where members ended
    std::vector<std::size_t> out_sizes;  // output size at each end
    std::size_t pos = 0;
    std::size_t fed_end = 0;
    int guard = 0;
    while (pos < file.size() && ++guard < 10000000) {
      fed_end = std::min(file.size(), std::max(fed_end, pos + piece));
      Result<MemberInflater::Step> step =
          inflater.Inflate(std::string_view(file).substr(pos, fed_end - pos), &out, 5000);
      REQUIRE(step.ok());
      pos += step->consumed;
      if (step->member_end) {
        ends.push_back(pos);
        out_sizes.push_back(out.size());
        CHECK_FALSE(inflater.in_member());
      }
    }
    CHECK(out == a + b + c);
    CHECK(ends == std::vector<std::size_t>{ma.size(), ma.size() + mb.size(), file.size()});
    CHECK(out_sizes == std::vector<std::size_t>{a.size(), a.size() + b.size(), out.size()});
  }
}

TEST_CASE("gzip (WARC seam): MemberInflater errors") {
  MemberInflater inflater;
  std::string out;
  Result<MemberInflater::Step> bad = inflater.Inflate("not gzip at all", &out, 100);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == Status::Code::kCorruption);
  inflater.Reset();
  const std::string m = CompressMember("hello");
  Result<MemberInflater::Step> part = inflater.Inflate(std::string_view(m).substr(0, 5), &out, 100);
  REQUIRE(part.ok());
  CHECK_FALSE(part->member_end);
  CHECK(inflater.in_member());
  inflater.Reset();
  CHECK_FALSE(inflater.in_member());
  out.clear();
  Result<MemberInflater::Step> whole = inflater.Inflate(m, &out, 100);
  REQUIRE(whole.ok());
  CHECK(whole->member_end);
  CHECK(out == "hello");
}

TEST_CASE("gzip (WARC seam): InflateDeflate takes zlib-wrapped and raw streams") {
  // zlib.compress(b"hello") and the raw deflate of the same, from Python's zlib.
  const std::string zlib_hello("\x78\x9c\xcb\x48\xcd\xc9\xc9\x07\x00\x06\x2c\x02\x15", 13);
  const std::string raw_hello("\xcb\x48\xcd\xc9\xc9\x07\x00", 7);
  Result<std::string> z = InflateDeflate(zlib_hello, 100);
  REQUIRE(z.ok());
  CHECK(*z == "hello");
  Result<std::string> r = InflateDeflate(raw_hello, 100);
  REQUIRE(r.ok());
  CHECK(*r == "hello");
  CHECK(InflateDeflate(zlib_hello, 4).status().code() == Status::Code::kCorruption);
  Result<std::string> empty = InflateDeflate("", 100);
  REQUIRE(empty.ok());
  CHECK(empty->empty());
}

}  // namespace
}  // namespace vestige::common::gzip
