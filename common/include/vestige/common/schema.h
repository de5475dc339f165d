// The index schema: the contract between the indexer (the only writer) and the query side.
//
// Term prefixes follow omega's conventions: capitals for the standard ones, X... for ours. Dates
// are YYYYMMDD strings in value slots, the format Xapian's DateRangeProcessor reads.
// ARCHITECTURE.md mirrors this file as a table; change both together, and bump kSchemaVersion
// whenever an existing index would be read wrongly by the new code.
#ifndef VESTIGE_COMMON_SCHEMA_H_
#define VESTIGE_COMMON_SCHEMA_H_

#include <string>
#include <string_view>

namespace vestige::common::schema {

// Written to the database metadata under kSchemaVersionKey as a decimal string. The query side
// refuses an index whose version differs, and says how to rebuild it.
inline constexpr int kSchemaVersion = 2;
inline constexpr std::string_view kSchemaVersionKey = "vestige.schema_version";
// Metadata key prefix for indexing progress: kWarcProgressKeyPrefix + WARC file name -> decimal
// byte offset up to which that file has been indexed. Committed with the documents it covers.
inline constexpr std::string_view kWarcProgressKeyPrefix = "vestige.warc.";

// --- Term prefixes -------------------------------------------------------------------------
// Unique id: "Q" + canonical URL; URLs longer than kMaxIdUrlBytes are replaced by
// "#" + hex SHA-256 of the URL, since Xapian terms are limited to 245 bytes.
inline constexpr std::string_view kPrefixId = "Q";
inline constexpr std::size_t kMaxIdUrlBytes = 200;
inline constexpr std::string_view kPrefixHost = "H";      // boolean: lowercase host name
inline constexpr std::string_view kPrefixTitle = "S";     // free text: words of the title
inline constexpr std::string_view kPrefixLanguage = "L";  // boolean: ISO 639-1 code, "und" unknown
inline constexpr std::string_view kPrefixPerson = "XP";   // person id; wdf = mention count
inline constexpr std::string_view kPrefixCrime = "XC";    // crime type id; wdf = trigger count
inline constexpr std::string_view kPrefixCandidate = "XN";   // folded name not in the gazetteer
inline constexpr std::string_view kPrefixContentType = "T";  // boolean: MIME type, e.g. text/html

// --- Value slots ---------------------------------------------------------------------------
// Slot numbers are part of the on-disk format: never renumber, only add.
enum ValueSlot : unsigned {
  kSlotPublished = 0,     // "YYYYMMDD" publication date; absent when unknown
  kSlotCaptured = 1,      // "YYYYMMDD" capture date (from WARC-Date)
  kSlotCapturedTime = 2,  // "YYYYMMDDhhmmss" capture time, for sorting captures of one URL
  kSlotLanguage = 3,      // ISO 639-1 code, as the L term
  kSlotHost = 4,          // host name, as the H term
  kSlotTextDigest = 5,    // hex SHA-256 of the extracted text: collapse key for duplicates
  kSlotPersons = 6,       // person ids joined by '\n' (facet counting over multi-valued fields)
  kSlotCrimes = 7,        // crime type ids joined by '\n'
  // Every facet of a document in one value, so that one ValueCountMatchSpy counts them all (one
  // value lookup per match instead of five): the fields persons (slot 6), crimes (slot 7), host,
  // language and published "YYYYMM" ("" when unknown), in that order, joined by kFacetSeparator.
  // Present on every document. Since schema version 2.
  kSlotFacets = 8,
  // Sort keys for --sort by published date, so that Xapian's built-in sort by value (which also
  // runs on remote shards, unlike a KeyMaker) puts undated documents last in both directions:
  // "YYYYMMDD" published date, or "00000000" (newest) / "99999999" (oldest) when unknown, then
  // the "YYYYMMDDhhmmss" capture time as a tie-break. Since schema version 2.
  kSlotSortNewest = 9,   // sorted descending
  kSlotSortOldest = 10,  // sorted ascending
};

// Separates the fields of kSlotFacets; ids, host names and language codes never contain it.
inline constexpr char kFacetSeparator = '\x1f';
// The fields of kSlotFacets, by position.
enum FacetField : unsigned {
  kFacetPersons = 0,
  kFacetCrimes = 1,
  kFacetHost = 2,
  kFacetLanguage = 3,
  kFacetPublishedMonth = 4,
  kFacetFieldCount = 5,
};

// The unique-id term for a canonical URL.
std::string IdTerm(std::string_view canonical_url);

// --- Layout of COLLECTION/index/ ------------------------------------------------------------
// Either one Xapian database (an index made with one shard, and every index before shards), or
// a Xapian stub folder: kShardStubFile lists the shard databases "glass shard-00", "glass
// shard-01", ... (ShardName), each with its own schema version and progress metadata. Xapian
// opens such a folder as one database (document ids interleaved), so the query side, and
// xapian-tcpsrv serving the folder, need nothing else. A document lives in shard
// ShardOf(its id term, shard count), so a URL seen again always replaces its own document; the
// shard count of an index never changes.
inline constexpr std::string_view kShardStubFile = "XAPIANDB";
inline constexpr unsigned kMaxShards = 64;
// "shard-00" ... "shard-63".
std::string ShardName(unsigned shard);
// The shard of a document: FNV-1a (64 bit) of its id term, modulo `shards` (>= 1). Part of the
// on-disk format: never change it.
unsigned ShardOf(std::string_view id_term, unsigned shards);

}  // namespace vestige::common::schema

#endif  // VESTIGE_COMMON_SCHEMA_H_
