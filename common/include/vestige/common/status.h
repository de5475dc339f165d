// Status and Result<T>: expected failures as values (STYLE.md, 5).
//
// A Status is OK or carries a code and a one-line message meant for the user. A Result<T> holds a
// value or a non-OK Status. Both are [[nodiscard]]. Thread safety: plain values; distinct objects
// may be used from distinct threads.
#ifndef VESTIGE_COMMON_STATUS_H_
#define VESTIGE_COMMON_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace vestige::common {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,     // bad input from the user: options, query, config file
    kNotFound,            // a file, record or document that is not there
    kCorruption,          // bytes that do not parse: a torn WARC record, a bad gzip member
    kIOError,             // the OS said no: open, read, write, fsync, rename
    kUnavailable,         // the network or a peer failed; retrying may help
    kFailedPrecondition,  // the state does not allow it: schema mismatch, locked collection
    kInternal,            // a bug or an unexpected exception from a library
  };

  Status() = default;  // OK
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status IOError(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status Unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg)}; }
  static Status FailedPrecondition(std::string msg) {
    return {Code::kFailedPrecondition, std::move(msg)};
  }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK", or "<code name>: <message>".
  std::string ToString() const;
  // A copy with "context: " put before the message; OK stays OK.
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

const char* CodeName(Status::Code code);

// A value of type T or a non-OK Status.
// REQUIRES: a Result is built from a non-OK Status only; value() only when ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  // OK when a value is held.
  Status status() const { return ok() ? Status::OK() : std::get<Status>(v_); }

  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &std::get<T>(v_); }
  const T* operator->() const { return &std::get<T>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace vestige::common

// Returns early from a function returning Status or Result<T> when `expr` is not OK.
#define VESTIGE_RETURN_IF_ERROR(expr)               \
  do {                                              \
    ::vestige::common::Status _vestige_st = (expr); \
    if (!_vestige_st.ok()) return _vestige_st;      \
  } while (0)

#endif  // VESTIGE_COMMON_STATUS_H_
