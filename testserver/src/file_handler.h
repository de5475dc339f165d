// Internal: answers a request from the virtual-host folders (see server.h for the rules).
#ifndef VESTIGE_TESTSERVER_FILE_HANDLER_H_
#define VESTIGE_TESTSERVER_FILE_HANDLER_H_

#include <filesystem>
#include <string_view>

#include "vestige/testserver/server.h"

namespace vestige::testserver {

// The response for `request` served from root/<request.host>/. Always a value: 4xx for what
// cannot be served. For HEAD the body is filled as for GET; the writer does not send it.
// Reads the file system only; thread-safe.
Response ServeFile(const std::filesystem::path& root, const Request& request);

// The Content-Type for a file name, by extension (see server.h).
std::string_view ContentTypeFor(std::string_view file_name);

}  // namespace vestige::testserver

#endif  // VESTIGE_TESTSERVER_FILE_HANDLER_H_
