// Internal: blocking socket reads and writes that give up on a deadline or when the server stops,
// so that no thread of the server can hang Stop(). Every wait polls in short slices.
#ifndef VESTIGE_TESTSERVER_SOCKET_IO_H_
#define VESTIGE_TESTSERVER_SOCKET_IO_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace vestige::testserver {

enum class IoResult { kOk, kEof, kTimeout, kStopped, kError };

using Clock = std::chrono::steady_clock;

// Appends whatever arrives on `fd` (at least one byte) to *buffer. kEof when the peer closed.
IoResult ReadSome(int fd, std::string* buffer, Clock::time_point deadline,
                  const std::atomic<bool>& stop);

// Sends all of `bytes`. With `bytes_per_second` > 0, paces the sending to about that rate.
// `timeout` bounds each wait for the socket to become writable.
IoResult SendAll(int fd, std::string_view bytes, std::size_t bytes_per_second,
                 std::chrono::milliseconds timeout, const std::atomic<bool>& stop);

// Sleeps for `duration`, returning false early if `stop` becomes true.
bool SleepUnlessStopped(std::chrono::milliseconds duration, const std::atomic<bool>& stop);

}  // namespace vestige::testserver

#endif  // VESTIGE_TESTSERVER_SOCKET_IO_H_
