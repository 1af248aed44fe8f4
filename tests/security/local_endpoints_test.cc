// D13, local endpoints for their owner only (issue 12): a second local account, created by the
// test (CI runs as root), tries the desktop client of the test's own user (here root): printing
// and listing jobs through its local IPP printer on loopback is refused and nothing reaches the
// client or the server; a web page's DNS-rebound Host is refused; and the root CUPS backend is
// not fooled by a control.sock link — nor by a socket whose daemon runs as someone else — in
// the job's user's directory.

#include <gtest/gtest.h>
#include <httplib.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "client/control_socket_path.h"
#include "client/control_socket_server.h"
#include "client/local_ipp_printer.h"
#include "client/running_client.h"
#include "client/test_office.h"
#include "store/job_filter.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs a shell command; its exit status, its output in *output.
int run(const std::string& command, std::string* output) {
  TempDir dir("printline-run");
  const auto log = dir.path() / "out";
  const int status = std::system((command + " >" + log.string() + " 2>&1").c_str());
  *output = read_text(log);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A throwaway local account for the test's lifetime.
class LocalUser {
 public:
  LocalUser() : name_("plsec" + std::to_string(::getpid() % 100000)) {
    std::string output;
    run("userdel " + name_, &output);  // a leftover of a killed run
    if (run("useradd --system --no-create-home --shell /usr/sbin/nologin " + name_, &output) != 0) {
      throw std::runtime_error("useradd failed (the test needs root): " + output);
    }
    uid_ = ::getpwnam(name_.c_str())->pw_uid;
  }
  ~LocalUser() {
    std::string output;
    run("userdel " + name_, &output);
  }
  const std::string& name() const { return name_; }
  uid_t uid() const { return uid_; }

 private:
  std::string name_;
  uid_t uid_ = 0;
};

class LocalEndpoints : public ::testing::Test {
 protected:
  LocalEndpoints() : alice_(office_.base_url()) {
    office_.add_user("alice", 10000);
    alice_.login("alice", kTestOfficePassword);
    printer_ = std::make_unique<client::LocalIppPrinter>(alice_.daemon(), "127.0.0.1", 0,
                                                         alice_.daemon().spool_dir());
    if (!printer_->start().ok()) throw std::runtime_error("the local printer did not start");
    control_ = std::make_unique<client::ControlSocketServer>(alice_.daemon(),
                                                             dir_.path() / "control.sock");
    if (!control_->start().ok()) throw std::runtime_error("the control socket did not start");
    std::ofstream(document_) << "CROSS-USER-4711: a job for the owner's account only\n";
    std::filesystem::permissions(dir_.path(), std::filesystem::perms::all);
    std::filesystem::permissions(document_, std::filesystem::perms::all);
  }
  ~LocalEndpoints() override {
    control_->stop();
    printer_->stop();
  }

  std::size_t jobs_at_server() {
    return office_.store().list_jobs(store::JobFilter{}).value().size();
  }
  std::string ipptool(const std::string& as, const std::string& test, int* status) {
    std::string output;
    *status = run("runuser -u " + as + " -- ipptool -tv -T 20 -f " + document_.string() + " " +
                      printer_->uri() + " " + test,
                  &output);
    return output;
  }

  TempDir dir_{"printline-local"};
  std::filesystem::path document_ = dir_.path() / "document.txt";
  TestOffice office_;
  RunningClient alice_;
  std::unique_ptr<client::LocalIppPrinter> printer_;
  std::unique_ptr<client::ControlSocketServer> control_;
  LocalUser bob_;
};

TEST_F(LocalEndpoints, AnotherLocalUserCannotPrintOrListJobsThroughTheOwnersLocalPrinter) {
  const std::size_t before = jobs_at_server();
  int status = 0;
  std::string output = ipptool(bob_.name(), "print-job.test", &status);
  // Refused with 403 before its body is read: libcups reports that no request went through.
  EXPECT_NE(status, 0) << output;
  EXPECT_EQ(output.find("successful-ok"), std::string::npos) << output;
  output = ipptool(bob_.name(), "get-jobs.test", &status);
  EXPECT_NE(status, 0) << output;
  EXPECT_EQ(output.find("successful-ok"), std::string::npos) << output;
  EXPECT_TRUE(alice_.daemon().jobs().empty()) << "the refused job reached the client";

  // The owner (the test runs as root) prints through the same printer: it was the uid.
  output = ipptool("root", "print-job.test", &status);
  EXPECT_EQ(status, 0) << output;
  ASSERT_EQ(alice_.daemon().jobs().size(), 1u);
  auto job = alice_.wait_for_state(alice_.daemon().jobs().front().uuid,
                                   client::JobState::kAtServer);
  ASSERT_TRUE(job && job->state == client::JobState::kAtServer) << (job ? job->reason : "");
  EXPECT_EQ(jobs_at_server(), before + 1);
}

TEST_F(LocalEndpoints, ARequestAddressedToAnotherHostNameIsRefused) {
  httplib::Client http("127.0.0.1", printer_->port());
  auto answer = http.Post("/ipp/print", {{"Host", "attacker.example:8632"}}, "x",
                          "application/ipp");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 403);
  EXPECT_NE(answer->body.find("localhost"), std::string::npos) << answer->body;
}

class BackendSocket : public LocalEndpoints {
 protected:
  BackendSocket() : run_dir_(client::control_socket_path_for_uid(bob_.uid()).parent_path()) {
    std::filesystem::create_directories(run_dir_);
    std::string output;
    run("chown -R " + bob_.name() + " " + run_dir_.parent_path().string(), &output);
  }
  ~BackendSocket() override { std::filesystem::remove_all(run_dir_.parent_path()); }

  // cupsd runs the backend as root for a job of bob's on a printline:/ queue.
  int backend(std::string* output) {
    return run(std::string("env DEVICE_URI=printline:/ ") + PRINTLINE_CUPS_BACKEND + " 45 " +
                   bob_.name() + " attack 1 '' < " + document_.string(),
               output);
  }

  std::filesystem::path run_dir_;
};

TEST_F(BackendSocket, ALinkInTheJobUsersDirectoryToAnotherUsersClientIsNotFollowed) {
  std::filesystem::create_symlink(control_->path(), run_dir_ / "control.sock");
  std::string output;
  EXPECT_NE(backend(&output), 0) << output;
  EXPECT_NE(output.find("symbolic link"), std::string::npos) << output;
  EXPECT_TRUE(alice_.daemon().jobs().empty()) << "bob's job went in as alice's";
}

TEST_F(BackendSocket, ASocketWhoseDaemonRunsAsAnotherUserIsRefused) {
  // A socket file that belongs to bob, served by a daemon that runs as root (not bob).
  client::ControlSocketServer impostor(alice_.daemon(), run_dir_ / "control.sock");
  ASSERT_TRUE(impostor.start().ok());
  std::string output;
  run("chown -h " + bob_.name() + " " + (run_dir_ / "control.sock").string(), &output);
  EXPECT_NE(backend(&output), 0) << output;
  EXPECT_NE(output.find("not as the job's user"), std::string::npos) << output;
  EXPECT_TRUE(alice_.daemon().jobs().empty()) << "bob's job went in as alice's";
  impostor.stop();
}

}  // namespace
}  // namespace printline::testing
