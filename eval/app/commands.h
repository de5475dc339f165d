// The subcommands of vestige-eval. Each parses its own options (Boost.Program_options) and calls
// the library; each returns the process exit status: 0 done, 2 bad options or input.
#ifndef VESTIGE_EVAL_APP_COMMANDS_H_
#define VESTIGE_EVAL_APP_COMMANDS_H_

namespace vestige::eval {

// argv[0] is the subcommand name.
int ExtractCommand(int argc, char** argv);   // extract_command.cc
int DatesCommand(int argc, char** argv);     // dates_command.cc
int EntitiesCommand(int argc, char** argv);  // entities_command.cc

}  // namespace vestige::eval

#endif  // VESTIGE_EVAL_APP_COMMANDS_H_
