// Placeholder so the library has a source; the evaluation helpers add theirs.
namespace vestige::eval {}
