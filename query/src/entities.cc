// Person and crime resolution for the query side (see entities.h).
#include "vestige/query/entities.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vestige/common/gazetteer.h"
#include "vestige/common/status.h"

namespace vestige::query {

using common::Result;
using common::Status;

Result<std::vector<std::vector<std::string>>> ResolvePersons(
    const common::Gazetteer& gazetteer, const std::vector<std::string>& names) {
  std::vector<std::vector<std::string>> out;
  for (const std::string& name : names) {
    std::vector<std::string> ids;
    for (const common::Person* person : gazetteer.Resolve(name)) ids.push_back(person->id);
    if (ids.empty()) {
      return Status::InvalidArgument("unknown person \"" + name +
                                     "\" (--person): not an id or alias in the gazetteer");
    }
    out.push_back(std::move(ids));
  }
  return out;
}

Result<std::vector<std::string>> ResolveCrimes(const common::Taxonomy& taxonomy,
                                               const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    const common::CrimeType* type = taxonomy.Resolve(name);
    if (type == nullptr) {
      return Status::InvalidArgument("unknown crime type \"" + name +
                                     "\" (--crime): not an id or label in the taxonomy");
    }
    out.push_back(type->id);
  }
  return out;
}

AliasResolver PersonResolver(std::shared_ptr<const common::Gazetteer> gazetteer) {
  return [gazetteer = std::move(gazetteer)](std::string_view word) {
    std::vector<std::string> ids;
    for (const common::Person* person : gazetteer->Resolve(word)) ids.push_back(person->id);
    return ids;
  };
}

AliasResolver CrimeResolver(std::shared_ptr<const common::Taxonomy> taxonomy) {
  return [taxonomy = std::move(taxonomy)](std::string_view name) {
    std::vector<std::string> ids;
    if (const common::CrimeType* type = taxonomy->Resolve(name)) ids.push_back(type->id);
    return ids;
  };
}

}  // namespace vestige::query
