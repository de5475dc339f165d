// Placeholder until the extract evaluation lands: says so and fails.
#include <cstdio>

#include "commands.h"

namespace vestige::eval {

int ExtractCommand(int, char**) {
  std::fputs("vestige-eval: 'extract' is not implemented yet\n", stderr);
  return 2;
}

}  // namespace vestige::eval
