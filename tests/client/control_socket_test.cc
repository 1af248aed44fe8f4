// The control socket end to end in one process: permissions, peer check, requests, a document
// passed as a descriptor, the event stream. The daemon is a recording stand-in here.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "client/control_socket_client.h"
#include "client/control_socket_path.h"
#include "client/control_socket_server.h"
#include "recording_client_service.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using client::ControlCommand;
using client::ControlError;
using client::ControlRequest;
using client::ControlSocketClient;

class ControlSocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = server_.start();
    ASSERT_TRUE(started.ok()) << started.error().message;
  }
  ControlSocketClient connect() {
    auto client = ControlSocketClient::connect(path_);
    if (!client.ok()) throw std::runtime_error(client.error().message);
    return std::move(client.value());
  }
  static ControlRequest command(ControlCommand c) {
    ControlRequest r;
    r.command = c;
    return r;
  }

  TempDir dir_{"printline-control"};
  std::filesystem::path path_ = dir_ / "run/printline/control.sock";
  RecordingClientService service_;
  client::ControlSocketServer server_{service_, path_};
};

TEST_F(ControlSocketTest, SocketIs0600InA0700Directory) {
  struct stat info {};
  ASSERT_EQ(::stat(path_.c_str(), &info), 0);
  EXPECT_TRUE(S_ISSOCK(info.st_mode));
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(path_.parent_path().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
}

TEST_F(ControlSocketTest, PeerCheckAllowsOwnUserAndRootOnly) {
  EXPECT_TRUE(client::peer_allowed(1000, 1000));
  EXPECT_TRUE(client::peer_allowed(0, 1000));
  EXPECT_FALSE(client::peer_allowed(1001, 1000));
  EXPECT_FALSE(client::peer_allowed(65534, 0));
  int pair[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
  auto credentials = client::peer_credentials(pair[0]);
  ASSERT_TRUE(credentials.ok());
  EXPECT_EQ(credentials->uid, ::geteuid());
  EXPECT_EQ(credentials->pid, ::getpid());
  ::close(pair[0]);
  ::close(pair[1]);
}

// Root can become another user: open the socket to everyone, connect as "nobody", and the
// peer check (not the file mode) must refuse.
TEST_F(ControlSocketTest, AnotherUserIsRefusedByThePeerCheck) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to act as another user";
  ASSERT_EQ(::chmod(path_.c_str(), 0777), 0);
  for (auto dir = path_.parent_path(); dir != dir_.path().parent_path(); dir = dir.parent_path()) {
    ASSERT_EQ(::chmod(dir.c_str(), 0755), 0);
  }
  // A separate process (socat under setpriv), not fork(): this process has threads.
  const std::string command = "echo '{\"command\":\"status\"}' | setpriv --reuid=65534 "
                              "--regid=65534 --clear-groups socat - UNIX-CONNECT:" +
                              path_.string() + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string message;
  char buffer[512];
  while (std::fgets(buffer, sizeof(buffer), pipe)) message += buffer;
  ::pclose(pipe);
  EXPECT_NE(message.find("\"ok\":false"), std::string::npos) << message;
  EXPECT_NE(message.find("uid 65534 may not use it"), std::string::npos) << message;
  EXPECT_TRUE(service_.recorded().empty());
}

TEST_F(ControlSocketTest, AnswersStatusAndJobs) {
  auto client = connect();
  auto status = client.request(command(ControlCommand::kStatus));
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ((*status)["status"]["user_login"], "alice");
  auto jobs = client.request(command(ControlCommand::kJobs));  // same connection, second line
  ASSERT_TRUE(jobs.ok());
  EXPECT_TRUE((*jobs)["jobs"].is_array());
}

TEST_F(ControlSocketTest, SubmitReadsTheDocumentFromThePassedDescriptor) {
  const auto file = dir_ / "doc.ps";
  std::ofstream(file) << "%!PS\nshowpage\n";
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  auto client = connect();
  ControlRequest request = command(ControlCommand::kSubmit);
  request.submit.title = "doc.ps";
  request.submit.copies = 2;
  request.submit.submitted_by = "cli";
  auto answer = client.request(request, fd);
  ::close(fd);
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ((*answer)["job"]["title"], "doc.ps");
  auto submitted = service_.submissions();
  ASSERT_EQ(submitted.size(), 1u);
  EXPECT_EQ(submitted[0].document, "%!PS\nshowpage\n");
  EXPECT_EQ(submitted[0].request.copies, 2);
  EXPECT_EQ(submitted[0].request.submitted_by, "cli");
}

TEST_F(ControlSocketTest, SubmitFromAPipeLikeTheCupsBackend) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  std::thread writer([&] {
    const std::string data(300000, 'x');  // more than a pipe holds: read while streaming
    std::size_t written = 0;
    while (written < data.size()) {
      const ssize_t n = ::write(pipe_fds[1], data.data() + written, data.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    ::close(pipe_fds[1]);
  });
  auto client = connect();
  auto answer = client.request(command(ControlCommand::kSubmit), pipe_fds[0]);
  ::close(pipe_fds[0]);
  writer.join();
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ((*answer)["job"]["size_bytes"], 300000);
}

TEST_F(ControlSocketTest, RefusalsAreOkFalseWithASentence) {
  auto client = connect();
  ControlRequest cancel = command(ControlCommand::kCancel);
  cancel.job = "no-such-job";
  auto answer = client.request(cancel);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().kind, ControlError::Kind::kRefused);
  EXPECT_NE(answer.error().message.find("printline jobs"), std::string::npos);
  ControlRequest login = command(ControlCommand::kLogin);
  login.login = "alice";
  login.password = "wrong";
  answer = client.request(login);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().message, "Wrong login or password; try again.");
}

TEST_F(ControlSocketTest, MalformedLineGetsAnErrorAndTheConnectionStaysUsable) {
  auto client = connect();
  // Write a raw bad line through a second connection: the protocol's own client cannot.
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strcpy(address.sun_path, path_.c_str());
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_TRUE(client::send_line(fd, "{nonsense"));
  client::LineReader reader(fd, 1 << 20);
  std::string line;
  ASSERT_EQ(reader.next(&line), client::LineReader::Status::kLine);
  auto answer = nlohmann::json::parse(line);
  EXPECT_FALSE(answer["ok"]);
  EXPECT_FALSE(answer["error"].get<std::string>().empty());
  ASSERT_TRUE(client::send_line(fd, R"({"command":"status"})"));
  ASSERT_EQ(reader.next(&line), client::LineReader::Status::kLine);
  EXPECT_TRUE(nlohmann::json::parse(line)["ok"]);
  ::close(fd);
}

TEST_F(ControlSocketTest, PrintersAndFallbackTestCarryTheirOptions) {
  auto client = connect();
  ControlRequest printers = command(ControlCommand::kPrinters);
  printers.filter.search = "hall";
  printers.filter.mono = true;
  auto answer = client.request(printers);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ((*answer)["printers"][0]["name"], "hall-mono");
  ControlRequest test = command(ControlCommand::kFallbackTest);
  test.send_test_page = true;
  answer = client.request(test);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ((*answer)["rows"][0]["accepted"], true);
  auto calls = service_.recorded();
  EXPECT_NE(std::find(calls.begin(), calls.end(), "printers hall mono"), calls.end());
  EXPECT_NE(std::find(calls.begin(), calls.end(), "test page"), calls.end());
}

TEST_F(ControlSocketTest, SubscribeStreamsEventsUntilTheClientLeaves) {
  auto client = connect();
  auto subscribed = client.request(command(ControlCommand::kSubscribe));
  ASSERT_TRUE(subscribed.ok()) << subscribed.error().message;
  for (int i = 0; i < 200 && service_.subscribers() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  client::ClientEvent event;
  event.kind = client::ClientEvent::Kind::kNotification;
  event.title = "Printed on hall-mono";
  event.message = "The server was offline; your job was printed on hall-mono.";
  service_.publish(event);
  auto received = client.next_event(std::chrono::seconds(5));
  ASSERT_TRUE(received.ok()) << received.error().message;
  ASSERT_TRUE(received->has_value());
  EXPECT_EQ((*received)->kind, client::ClientEvent::Kind::kNotification);
  EXPECT_EQ((*received)->title, "Printed on hall-mono");
  { auto leaving = std::move(client); }
  for (int i = 0; i < 200 && service_.subscribers() != 0; ++i) {
    service_.publish(event);  // the write fails once the reader is gone
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(service_.subscribers(), 0);
}

TEST_F(ControlSocketTest, StopEndsTheEventStream) {
  auto client = connect();
  ASSERT_TRUE(client.request(command(ControlCommand::kSubscribe)).ok());
  server_.stop();
  auto received = client.next_event(std::chrono::seconds(5));
  ASSERT_TRUE(received.ok());
  EXPECT_FALSE(received->has_value());
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(ControlSocketTest, ASecondDaemonOnTheSamePathIsRefused) {
  RecordingClientService other;
  client::ControlSocketServer second(other, path_);
  auto started = second.start();
  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.error().message.find("already answers"), std::string::npos);
}

TEST(ControlSocketClientTest, NoDaemonSaysHowToStartIt) {
  TempDir dir("printline-control");
  auto client = ControlSocketClient::connect(dir / "control.sock");
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().kind, ControlError::Kind::kNotRunning);
  EXPECT_NE(client.error().message.find("systemctl --user start printline-client"),
            std::string::npos);
}

TEST(ControlSocketClientTest, AStaleSocketFileIsReplaced) {
  TempDir dir("printline-control");
  const auto path = dir / "control.sock";
  {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strcpy(address.sun_path, path.c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    ::close(fd);  // a killed daemon leaves the file behind
  }
  auto stale = ControlSocketClient::connect(path);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, ControlError::Kind::kNotRunning);
  RecordingClientService service;
  client::ControlSocketServer server(service, path);
  auto started = server.start();
  ASSERT_TRUE(started.ok()) << started.error().message;
  EXPECT_TRUE(ControlSocketClient::connect(path).ok());
}

TEST(ControlSocketPathTest, FollowsXdgRuntimeDir) {
  ::setenv("XDG_RUNTIME_DIR", "/run/user/1234", 1);
  EXPECT_EQ(client::default_control_socket_path(), "/run/user/1234/printline/control.sock");
  ::unsetenv("XDG_RUNTIME_DIR");
  ::setenv("HOME", "/home/alice", 1);
  EXPECT_EQ(client::default_control_socket_path(),
            "/home/alice/.local/state/printline/control.sock");
  EXPECT_EQ(client::control_socket_path_for_uid(1000), "/run/user/1000/printline/control.sock");
}

}  // namespace
}  // namespace printline::testing
