// The server's files are readable by its own account only (D12, D13, docs/security.md): a real
// printline-server process, started on a data directory an older version left world-readable,
// must leave the directory 0700 and the database, WAL, SHM, spooled files and the generated
// administrator password 0600, and must never print that password (standard output ends in
// the journal, which other accounts may read).

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/child_process.h"
#include "support/file_text.h"
#include "support/loopback_port.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

namespace fs = std::filesystem;

mode_t mode_of(const fs::path& path) {
  struct stat st{};
  if (::lstat(path.c_str(), &st) != 0) return 07777;
  return st.st_mode & 07777;
}

TEST(PrivateFilesTest, DataDirectoryDatabaseSpoolAndGeneratedPasswordAreForTheServerOnly) {
  TempDir dir;
  const fs::path data = dir.path() / "data";
  // An older installation: directory 0755, a spooled document and a stray file 0644.
  fs::create_directories(data / "spool" / "ab");
  std::ofstream(data / "spool" / "ab" / "old-job.pdf") << "%PDF-1.4 old";
  std::ofstream(data / "notes.txt") << "left by an older version";
  fs::permissions(data, fs::perms(0755));
  fs::permissions(data / "spool", fs::perms(0755));
  fs::permissions(data / "spool" / "ab" / "old-job.pdf", fs::perms(0644));
  fs::permissions(data / "notes.txt", fs::perms(0644));

  const int port = pick_free_port();
  const fs::path log = dir.path() / "server.log";
  ChildProcess server({PRINTLINE_SERVER_BINARY, "--data", data.string(), "--listen",
                       "127.0.0.1:" + std::to_string(port), "--log-level", "info"},
                      log);
  ASSERT_TRUE(wait_until_listening(port, std::chrono::seconds(60),
                                   [&] { return server.running(); }))
      << read_file(log);

  EXPECT_EQ(mode_of(data), 0700u);
  EXPECT_EQ(mode_of(data / "spool"), 0700u);
  EXPECT_EQ(mode_of(data / "spool" / "ab" / "old-job.pdf"), 0600u);
  EXPECT_EQ(mode_of(data / "notes.txt"), 0600u);
  EXPECT_EQ(mode_of(data / "printline.db"), 0600u);
  for (const char* suffix : {"-wal", "-shm"}) {
    const fs::path side = data / (std::string("printline.db") + suffix);
    if (fs::exists(side)) {
      EXPECT_EQ(mode_of(side), 0600u) << side;
    }
  }
  const fs::path password_file = data / "admin-password";
  ASSERT_TRUE(fs::exists(password_file)) << read_file(log);
  EXPECT_EQ(mode_of(password_file), 0600u);
  std::string password;
  std::getline(std::ifstream(password_file), password);
  ASSERT_GE(password.size(), 16u);
  server.stop();
  // Standard output and error (the journal) name the file, never the password.
  const std::string output = read_file(log);
  EXPECT_EQ(output.find(password), std::string::npos) << output;
  EXPECT_NE(output.find(password_file.string()), std::string::npos) << output;
  // Nothing in the data directory is readable by group or others.
  for (const auto& entry : fs::recursive_directory_iterator(data)) {
    EXPECT_EQ(mode_of(entry.path()) & 077, 0u) << entry.path();
  }
}

}  // namespace
}  // namespace printline::testing
