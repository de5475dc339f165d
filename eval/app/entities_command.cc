// Placeholder until the entities evaluation lands: says so and fails.
#include <cstdio>

#include "commands.h"

namespace vestige::eval {

int EntitiesCommand(int, char**) {
  std::fputs("vestige-eval: 'entities' is not implemented yet\n", stderr);
  return 2;
}

}  // namespace vestige::eval
