#include "socket_io.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace vestige::testserver {

namespace {

// Why slices: a blocked poll() cannot see the stop flag, so no wait lasts longer than this.
constexpr auto kSlice = std::chrono::milliseconds(50);

// Waits until `fd` is ready for `events`. kOk when ready.
IoResult WaitFor(int fd, short events, Clock::time_point deadline, const std::atomic<bool>& stop) {
  while (true) {
    if (stop.load()) return IoResult::kStopped;
    auto now = Clock::now();
    if (now >= deadline) return IoResult::kTimeout;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    int wait_ms = static_cast<int>(std::min(left, kSlice).count()) + 1;
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, wait_ms);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoResult::kError;
    }
    if (n > 0) {
      if ((p.revents & (events | POLLHUP | POLLERR)) != 0) return IoResult::kOk;
    }
  }
}

}  // namespace

IoResult ReadSome(int fd, std::string* buffer, Clock::time_point deadline,
                  const std::atomic<bool>& stop) {
  while (true) {
    IoResult r = WaitFor(fd, POLLIN, deadline, stop);
    if (r != IoResult::kOk) return r;
    char chunk[16384];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n > 0) {
      buffer->append(chunk, static_cast<std::size_t>(n));
      return IoResult::kOk;
    }
    if (n == 0) return IoResult::kEof;
    if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
    return IoResult::kError;
  }
}

IoResult SendAll(int fd, std::string_view bytes, std::size_t bytes_per_second,
                 std::chrono::milliseconds timeout, const std::atomic<bool>& stop) {
  // Paced sending: a tenth of the rate every 100 ms.
  constexpr auto kPaceInterval = std::chrono::milliseconds(100);
  std::size_t piece =
      bytes_per_second > 0 ? std::max<std::size_t>(1, bytes_per_second / 10) : bytes.size();
  while (!bytes.empty()) {
    std::string_view now_bytes = bytes.substr(0, piece);
    while (!now_bytes.empty()) {
      IoResult r = WaitFor(fd, POLLOUT, Clock::now() + timeout, stop);
      if (r != IoResult::kOk) return r;
      ssize_t n = ::send(fd, now_bytes.data(), now_bytes.size(), MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
        return IoResult::kError;
      }
      now_bytes.remove_prefix(static_cast<std::size_t>(n));
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    if (bytes_per_second > 0 && !bytes.empty()) {
      if (!SleepUnlessStopped(kPaceInterval, stop)) return IoResult::kStopped;
    }
  }
  return IoResult::kOk;
}

bool SleepUnlessStopped(std::chrono::milliseconds duration, const std::atomic<bool>& stop) {
  auto deadline = Clock::now() + duration;
  while (!stop.load()) {
    auto now = Clock::now();
    if (now >= deadline) return true;
    std::this_thread::sleep_for(std::min<Clock::duration>(deadline - now, kSlice));
  }
  return false;
}

}  // namespace vestige::testserver
