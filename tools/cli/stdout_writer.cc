// WriteStdout (commands.h): unbuffered writes to file descriptor 1 for the
// filter commands (extract, segment), which stream their own blocks.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "tools/cli/commands.h"

namespace factmine::cli {

Status WriteStdout(std::string_view chunk) {
  while (!chunk.empty()) {
    ssize_t n = write(STDOUT_FILENO, chunk.data(), chunk.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(std::string("cannot write to standard output: ") +
                             std::strerror(errno));
    }
    chunk.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

}  // namespace factmine::cli
