// The three commands of vestige-query, wiring Options to the library. Each returns the exit
// status (0 hits/success, 1 no hits, 2 error with one line on stderr).
#ifndef VESTIGE_QUERY_APP_COMMANDS_H_
#define VESTIGE_QUERY_APP_COMMANDS_H_

#include "options.h"

namespace vestige::query {

int RunSearch(const Options& options);
int RunShow(const Options& options);
int RunRecord(const Options& options);

}  // namespace vestige::query

#endif  // VESTIGE_QUERY_APP_COMMANDS_H_
