// Resolving what analysts type (--person, --crime, person:, crime:, and plain words that are
// aliases) into the ids the index stores, through common's Gazetteer and Taxonomy.
//
// Thread safety: the resolvers hold shared immutable gazetteer data and may be called from any
// thread.
#ifndef VESTIGE_QUERY_ENTITIES_H_
#define VESTIGE_QUERY_ENTITIES_H_

#include <memory>
#include <string>
#include <vector>

#include "vestige/common/gazetteer.h"
#include "vestige/common/status.h"
#include "vestige/query/searcher.h"

namespace vestige::query {

// Each name (an id, the canonical name or any alias, in any script) -> the ids it names (several
// for an ambiguous surname: the document must then carry one of them). InvalidArgument
// "unknown person \"NAME\" (--person): not an id or alias in the gazetteer" for the first name
// that resolves to nothing.
common::Result<std::vector<std::vector<std::string>>> ResolvePersons(
    const common::Gazetteer& gazetteer, const std::vector<std::string>& names);

// Each crime id or label (case-insensitive) -> its id. InvalidArgument "unknown crime type ..."
// naming the first unknown one.
common::Result<std::vector<std::string>> ResolveCrimes(const common::Taxonomy& taxonomy,
                                                       const std::vector<std::string>& names);

// For SearchRequest::alias_resolver: a word or name -> person ids (Gazetteer::Resolve).
AliasResolver PersonResolver(std::shared_ptr<const common::Gazetteer> gazetteer);
// For SearchRequest::crime_resolver: an id or label -> its id (Taxonomy::Resolve).
AliasResolver CrimeResolver(std::shared_ptr<const common::Taxonomy> taxonomy);

}  // namespace vestige::query

#endif  // VESTIGE_QUERY_ENTITIES_H_
