// Placeholder until the dates evaluation lands: says so and fails.
#include <cstdio>

#include "commands.h"

namespace vestige::eval {

int DatesCommand(int, char**) {
  std::fputs("vestige-eval: 'dates' is not implemented yet\n", stderr);
  return 2;
}

}  // namespace vestige::eval
