// The soak (issue 14, SPEC §5 "Nothing lost, nothing counted twice"): a few hundred jobs through
// two real printline-client daemons while the real printline-server flaps — stopped with
// SIGTERM, killed with -9, or frozen with SIGSTOP — and the daemons are killed with -9 at
// moments a seeded random generator picks (the same every run: a failure can be replayed).
// Then everything comes back and settles, and every job is checked at the real RAW sinks by
// the marker its document carries:
//   - printed at most once, over both printers;
//   - none lost: every job a daemon acknowledged is still in its outbox;
//   - every printed job charged exactly once (server job printed, or fallback job accounted);
//   - every job not printed is waiting with a reason (for the user or the administrator).

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "client/control_protocol.h"
#include "client/control_socket_client.h"
#include "model/job_outcome.h"
#include "model/ledger_entry.h"
#include "store/store.h"
#include "support/child_process.h"
#include "support/file_text.h"
#include "support/loopback_port.h"
#include "support/must.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using client::ControlCommand;
using client::ControlRequest;
using client::ControlSocketClient;
using client::JobState;
using client::JobView;
using namespace std::chrono_literals;

constexpr const char* kPassword = "soak-password-1";
constexpr unsigned kSeed = 20261202;  // fixed: the same chaos every run
constexpr int kJobs = 300;

// A one-page PostScript document whose text is its marker, so each printed copy can be
// counted at the sink.
std::string marked_document(const std::string& marker) {
  return "%!PS-Adobe-3.0\n%%Pages: 1\n%%EndComments\n%%Page: 1 1\n"
         "/Helvetica findfont 12 scalefont setfont 72 720 moveto (" +
         marker + ") show showpage\n%%EOF\n";
}

std::string marker_of(int n) {
  char text[32];
  std::snprintf(text, sizeof text, "SOAK-MARK-%04d-END", n);
  return text;
}

std::string title_of(int n) { return "soak job " + std::to_string(n); }

// One workstation: a user's printline-client daemon, restartable, killable.
struct Workstation {
  std::string login;
  std::filesystem::path dir;
  std::unique_ptr<ChildProcess> daemon;

  std::filesystem::path socket() const { return dir / "run" / "control.sock"; }
};

class SoakTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "admin.pw") << "admin-password-for-the-soak\n";
    server_port_ = pick_free_port();
    start_server();
    store_ = must(store::open_sqlite_store((dir_ / "server" / "printline.db").string()));
    model::PriceList prices;
    prices.prices.push_back({model::PaperSize::kA4, false, 10});
    prices.prices.push_back({model::PaperSize::kA4, true, 50});
    prices.prices.push_back({model::PaperSize::kLetter, false, 10});
    prices.prices.push_back({model::PaperSize::kLetter, true, 50});
    must(store_->set_price_list(prices, store::system_actor()));
    model::Printer on_server;
    on_server.name = "server-raw";
    on_server.device_uri = server_sink_.uri();
    on_server = must(store_->create_printer(on_server, store::system_actor()));
    model::PrintQueue queue;
    queue.name = "main";
    queue.printer_id = on_server.id;
    must(store_->create_queue(queue, store::system_actor()));
    model::Printer fallback;
    fallback.name = "fallback-raw";
    fallback.device_uri = fallback_sink_.uri();
    fallback = must(store_->create_printer(fallback, store::system_actor()));
    model::ClientProfile profile;
    profile.name = "office";
    profile.is_default = true;
    profile.server_addresses = {server_url()};
    profile.connect_timeout = 1000ms;
    // D10: the shortest answer timeout, so a hung server sends jobs to the fallback printer
    // within the soak's outages.
    profile.answer_timeout = 1s;
    profile.fallback.enabled = true;
    profile.fallback.printer_ids = {fallback.id};
    profile.fallback.port = model::DevicePort{model::PortProtocol::kRaw, fallback_sink_.port(), ""};
    must(store_->create_profile(profile, store::system_actor()));

    for (const char* login : {"erin", "frank"}) {
      model::User user;
      user.login = login;
      user.name = login;
      user = must(store_->create_user(user, kPassword, store::system_actor()));
      must(store_->top_up(user.id, 1'000'000, "soak", store::system_actor()));
      users_[login] = user.id;
      auto& station = stations_.emplace_back();
      station.login = login;
      station.dir = dir_ / login;
      start_daemon(station);
      auto login_request = command(ControlCommand::kLogin);
      login_request.login = login;
      login_request.password = kPassword;
      auto answer = request(station, login_request);
      ASSERT_TRUE(answer.ok()) << answer.error().message;
    }
  }

  static ControlRequest command(ControlCommand what) {
    ControlRequest request;
    request.command = what;
    return request;
  }

  std::string server_url() const { return "http://127.0.0.1:" + std::to_string(server_port_); }

  void start_server() {
    server_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{PRINTLINE_SERVER, "--data", (dir_ / "server").string(),
                                 "--listen", "127.0.0.1:" + std::to_string(server_port_),
                                 "--admin-password-file", (dir_ / "admin.pw").string(),
                                 "--log-level", "info"},
        dir_ / "server.log");
    ASSERT_TRUE(wait_until_listening(server_port_, 30s, [&] { return server_->running(); }))
        << read_file(dir_ / "server.log");
  }

  void kill_server(int signal_number) {
    ::kill(server_->pid(), signal_number);
    if (signal_number == SIGKILL || signal_number == SIGTERM) {
      ASSERT_TRUE(server_->wait_for_exit(30s)) << "printline-server did not stop on signal "
                                               << signal_number;
    }
  }

  void start_daemon(Workstation& station) {
    station.daemon = std::make_unique<ChildProcess>(
        std::vector<std::string>{PRINTLINE_CLIENT, "--state", (station.dir / "state").string(),
                                 "--server", server_url(), "--control-socket",
                                 station.socket().string(), "--heartbeat-ms", "300",
                                 "--log-level", "info"},
        station.dir / "client.log");
    for (int i = 0; i < 400; ++i) {
      if (ControlSocketClient::connect(station.socket()).ok()) return;
      ASSERT_TRUE(station.daemon->running()) << read_file(station.dir / "client.log");
      std::this_thread::sleep_for(25ms);
    }
    FAIL() << "printline-client did not open its control socket";
  }

  void kill9_daemon(Workstation& station) {
    ::kill(station.daemon->pid(), SIGKILL);
    ASSERT_TRUE(station.daemon->wait_for_exit(30s));
    start_daemon(station);
  }

  client::ControlResult<nlohmann::json> request(const Workstation& station,
                                                const ControlRequest& what, int fd = -1) {
    auto connection = ControlSocketClient::connect(station.socket());
    if (!connection.ok()) return connection.error();
    return connection->request(what, fd);
  }

  // Prints job n from `station`, as `printline print` does; true when the daemon acknowledged.
  bool submit(const Workstation& station, int n) {
    const auto path = dir_ / "documents" / (marker_of(n) + ".ps");
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << marked_document(marker_of(n));
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    ControlRequest what = command(ControlCommand::kSubmit);
    what.submit.title = title_of(n);  // not the marker: a title may travel in a PJL header
    what.submit.document_format = "application/postscript";
    auto answer = request(station, what, fd);
    ::close(fd);
    return answer.ok();
  }

  std::vector<JobView> jobs_of(const Workstation& station) {
    auto answer = request(station, command(ControlCommand::kJobs));
    std::vector<JobView> jobs;
    if (!answer.ok()) return jobs;
    for (const auto& job : (*answer)["jobs"]) jobs.push_back(job.get<JobView>());
    return jobs;
  }

  int charges_for(const std::string& uuid) {
    int count = 0;
    for (const auto& [login, id] : users_) {
      for (const auto& entry : must(store_->ledger_of(id))) {
        if (entry.kind == model::LedgerKind::kCharge && entry.job_uuid == uuid) ++count;
      }
    }
    return count;
  }

  // A job's own settled state: printed by the server, accounted after fallback, or waiting
  // with a reason — for the user (waiting-for-choice) or the administrator (held at the server).
  bool settled(const JobView& job) {
    switch (job.state) {
      case JobState::kAccounted:
      case JobState::kWaitingForChoice:
        return true;
      case JobState::kAtServer: {
        auto stored = must(store_->find_job(job.uuid));
        return stored && (stored->state == model::JobState::kPrinted ||
                          stored->state == model::JobState::kHeld);
      }
      default:
        return false;
    }
  }

  // Held at the server because a send to its printer was cut off by the server's death.
  bool held_as_interrupted(const JobView& job) {
    if (job.state != JobState::kAtServer) return false;
    auto stored = must(store_->find_job(job.uuid));
    return stored && stored->state == model::JobState::kHeld &&
           model::outcome_for_reader(stored->outcome).find("may or may not have printed") !=
               std::string::npos;
  }

  // Every log line about `uuid`, from both daemons and the server, for a failure's message.
  std::string story_of(const std::string& uuid) {
    std::string story;
    for (const auto& log : {dir_ / "erin" / "client.log", dir_ / "frank" / "client.log",
                            dir_ / "server.log"}) {
      std::istringstream lines(read_file(log));
      for (std::string line; std::getline(lines, line);) {
        if (line.find(uuid.substr(0, 8)) != std::string::npos) story += line + "\n";
        if (line.find("started") != std::string::npos || line.find("alive") != std::string::npos)
          story += log.parent_path().filename().string() + ": " + line + "\n";
      }
    }
    return story;
  }

  // The chaos, then the calm: every process up and every job settled.
  void run_soak(bool hang_instead_of_down) {
    std::mt19937 random(kSeed + (hang_instead_of_down ? 1 : 0));
    bool server_up = true;
    int outages = 0, daemon_kills = 0;
    // A hung server stays hung longer than the answer timeout, or no job would ever notice.
    auto stopped_at = std::chrono::steady_clock::now();
    for (int n = 0; n < kJobs; ++n) {
      auto& station = stations_[n % stations_.size()];
      if (submit(station, n)) acknowledged_[title_of(n)] = station.login;
      switch (random() % 12) {
        case 0:  // the server goes away (or freezes) for a while
          if (server_up) {
            if (hang_instead_of_down) {
              kill_server(SIGSTOP);
              stopped_at = std::chrono::steady_clock::now();
            } else {
              kill_server(random() % 2 ? SIGKILL : SIGTERM);
            }
            server_up = false;
            ++outages;
          }
          break;
        case 1:  // and comes back
          if (!server_up &&
              !(hang_instead_of_down && std::chrono::steady_clock::now() - stopped_at < 2s)) {
            if (hang_instead_of_down) {
              kill_server(SIGCONT);
            } else {
              start_server();
            }
            server_up = true;
          }
          break;
        case 2:  // a daemon dies at whatever it was doing
          kill9_daemon(stations_[random() % stations_.size()]);
          ++daemon_kills;
          break;
        default:
          std::this_thread::sleep_for(std::chrono::milliseconds(random() % 60));
      }
    }
    if (!server_up) {
      if (hang_instead_of_down) {
        kill_server(SIGCONT);
      } else {
        start_server();
      }
    }

    // Settle: wait until every job of both daemons is in a settled state (bounded).
    const auto until = std::chrono::steady_clock::now() + 240s;
    bool all_settled = false;
    while (!all_settled && std::chrono::steady_clock::now() < until) {
      all_settled = true;
      for (auto& station : stations_) {
        for (const auto& job : jobs_of(station)) {
          if (!settled(job)) all_settled = false;
        }
      }
      if (!all_settled) std::this_thread::sleep_for(200ms);
    }

    const std::string at_server = server_sink_.received();
    const std::string at_fallback = fallback_sink_.received();
    std::map<std::string, JobView> seen;
    int printed = 0, waiting = 0, by_server = 0, interrupted = 0;
    for (auto& station : stations_) {
      for (const auto& job : jobs_of(station)) {
        seen[job.title] = job;
        const std::string marker = marker_of(std::stoi(job.title.substr(job.title.rfind(' ') + 1)));
        const int on_server = occurrences(at_server, marker);
        const int on_fallback = occurrences(at_fallback, marker);
        const int charges = charges_for(job.uuid);
        const std::string what = job.title + " (" + std::string(client::job_state_name(job.state)) +
                                 ": " + job.reason + ")";
        EXPECT_TRUE(settled(job)) << what << " never settled";
        EXPECT_LE(on_server + on_fallback, 1) << what << " printed twice; its story:\n"
                                              << story_of(job.uuid);
        if (on_server + on_fallback == 1) {
          ++printed;
          by_server += on_server;
          if (job.state == JobState::kWaitingForChoice) {
            // Printed, but the daemon died before it could know: the user decides; not charged.
            EXPECT_EQ(charges, 0) << what;
          } else if (held_as_interrupted(job)) {
            // Printed, but the server died before it could record it; a RAW printer keeps no
            // job list to ask, so the job waits for the administrator, uncharged (docs/operations.md).
            EXPECT_EQ(charges, 0) << what;
            ++interrupted;
          } else {
            EXPECT_EQ(charges, 1) << what << " printed but charged " << charges << " times";
          }
        } else {
          ++waiting;
          EXPECT_EQ(charges, 0) << what << " charged without printing";
          EXPECT_FALSE(job.reason.empty()) << what << " not printed and no reason given";
          if (job.state == JobState::kAtServer) {
            auto stored = must(store_->find_job(job.uuid));
            ASSERT_TRUE(stored) << what;
            EXPECT_EQ(stored->state, model::JobState::kHeld) << what;
            EXPECT_FALSE(stored->outcome.empty()) << what << " held at the server without a reason";
          } else {
            EXPECT_EQ(job.state, JobState::kWaitingForChoice) << what;
          }
        }
      }
    }
    for (const auto& [title, login] : acknowledged_) {
      EXPECT_TRUE(seen.count(title)) << title << " was acknowledged by " << login
                                      << "'s daemon and then lost";
    }
    std::cout << (hang_instead_of_down ? "hung" : "down") << " soak: " << outages
              << " server outages, " << daemon_kills << " daemons killed; "
              << acknowledged_.size() << " jobs acknowledged of " << kJobs << ", " << printed
              << " printed once (" << by_server << " by the server, " << printed - by_server
              << " on the fallback printer; " << interrupted
              << " of them held as perhaps printed), " << waiting << " waiting with a reason\n";
    // The chaos happened, and both paths were taken: a soak that printed everything one way
    // proves nothing about the other.
    // A hung outage lasts at least two seconds (above), so there are fewer of them.
    EXPECT_GE(outages, hang_instead_of_down ? 3 : 5);
    EXPECT_GE(daemon_kills, 10);
    EXPECT_GT(by_server, 0);
    EXPECT_GT(printed - by_server, 0);
    EXPECT_GT(printed, kJobs / 2);
  }

  TempDir dir_{"printline-soak"};
  RawSinkPeer server_sink_;
  RawSinkPeer fallback_sink_;
  int server_port_ = 0;
  std::unique_ptr<ChildProcess> server_;
  std::unique_ptr<store::Store> store_;
  std::vector<Workstation> stations_;
  std::map<std::string, std::int64_t> users_;
  std::map<std::string, std::string> acknowledged_;  // title → login
};

// A server stopped at the wrong moment opens two windows, both closed: one that committed a
// job and stopped before its answer left (SIGTERM now answers first; after kill -9 the next
// start gives the client time to report its fallback print, which cancels the server's copy);
// and one that sent a job to its RAW printer and died before recording it, held for the
// administrator as "may or may not have printed" (above).
TEST_F(SoakTest, ServerDownAndDaemonsKilled_EveryJobPrintedAtMostOnceChargedOnceNoneLost) {
  run_soak(/*hang_instead_of_down=*/false);
}

TEST_F(SoakTest, ServerHungAndDaemonsKilled_EveryJobPrintedAtMostOnceChargedOnceNoneLost) {
  run_soak(/*hang_instead_of_down=*/true);
}

}  // namespace
}  // namespace printline::testing
