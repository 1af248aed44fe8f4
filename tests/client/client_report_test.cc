// The desktop client reports, with its heartbeat, who it is and how many jobs it printed in
// fallback that the server has not accounted; the server keeps the latest report per client.
// The server answers with the user's held jobs about to expire, which the client announces.

#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include "api_client/client_report_calls.h"
#include "api_client/session_calls.h"
#include "client/outbox_store.h"
#include "client/running_client.h"
#include "core/job_uuid.h"
#include "server/running_server.h"
#include "store/store.h"
#include "support/file_text.h"
#include "support/must.h"
#include "support/temp_dir.h"
#include "transport/document_source.h"

namespace printline::testing {
namespace {

using client::JobState;

constexpr const char* kPassword = "alice-password-1";

class ClientReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<RunningServer>(
        [this](server::ServerConfig& config) { config.data_dir = data_.path() / "data"; });
    store_ = must(store::open_sqlite_store((data_.path() / "data" / "printline.db").string()));
    model::User alice;
    alice.login = "alice";
    alice_ = must(store_->create_user(alice, kPassword, store::system_actor()));
  }

  // The report of `client_id` once it says `awaiting` jobs, or the last one seen.
  std::optional<model::ClientReport> wait_for_report(const std::string& client_id,
                                                     std::int64_t awaiting) {
    std::optional<model::ClientReport> seen;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < until) {
      for (const auto& r : must(store_->client_reports())) {
        if (r.client_id == client_id) seen = r;
      }
      if (seen && seen->fallback_jobs_awaiting_upload == awaiting) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return seen;
  }

  TempDir data_{"printline-report-server"};
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<store::Store> store_;
  model::User alice_;
};

TEST_F(ClientReportTest, TheDashboardLearnsWhoTheClientIsAndWhatItHasNotUploaded) {
  RunningClient client(server_->base_url());
  client.login("alice", kPassword);
  // The id is one line in the state directory.
  const auto stored_id = [&] {
    std::string text = read_file(client.state_dir() / "client-id");
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
  };
  const std::string client_id = stored_id();
  ASSERT_FALSE(client_id.empty());

  auto first = wait_for_report(client_id, 0);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->login, "alice");
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  EXPECT_EQ(first->hostname, host);
  EXPECT_FALSE(first->os_user.empty());

  // A job printed in fallback whose upload the server refuses (its printer is unknown there)
  // stays unaccounted in the outbox: the report says so.
  client.stop();
  {
    auto outbox = must(client::OutboxStore::open(client.state_dir()));
    client::OutboxJob job;
    job.uuid = new_job_uuid();
    job.title = "outage.txt";
    job.submitted_by = "alice";
    auto text = transport::document_from_string("printed while the server was down\n");
    job = must(outbox->add(job, *text));
    job.state = JobState::kPrintedOffline;
    job.printer_id = 424242;
    job.printer = "gone";
    job.counts = model::PageCounts{1, 0, model::PaperSize::kA4, false, 1};
    job.printed_at = model::now_seconds();
    must(outbox->update(job));
  }
  client.start();
  auto second = wait_for_report(client_id, 1);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->fallback_jobs_awaiting_upload, 1);

  // The same id after a restart: one client, not two.
  client.restart();
  EXPECT_EQ(stored_id(), client_id);
  EXPECT_EQ(must(store_->client_reports()).size(), 1u);
}

TEST_F(ClientReportTest, HeldJobsAboutToExpireAreAnnouncedOnTheirOwnersDesktop) {
  // A hold queue keeping jobs an hour: its owner is warned in the last quarter hour.
  model::PrintQueue secure;
  secure.name = "secure";
  secure.kind = model::QueueKind::kHold;
  secure.hold_expiry_seconds = 3600;
  secure = must(store_->create_queue(secure, store::system_actor()));
  model::User bob;
  bob.login = "bob";
  bob = must(store_->create_user(bob, "bob-password-1", store::system_actor()));
  const auto now = model::now_seconds();
  const auto held = [&](const model::User& owner, const std::string& title,
                        std::chrono::seconds ago) {
    model::Job job;
    job.uuid = new_job_uuid();
    job.owner_id = owner.id;
    job.queue_id = secure.id;
    job.state = model::JobState::kHeld;
    job.title = title;
    job.counts = {1, 0, model::PaperSize::kA4, false, 1};
    job.submitted_at = now - ago;
    must(store_->record_job(job));
    return job.uuid;
  };
  const auto soon = held(alice_, "minutes-left.pdf", std::chrono::seconds(3300));
  held(alice_, "hour-left.pdf", std::chrono::seconds(0));
  held(bob, "bobs-minutes-left.pdf", std::chrono::seconds(3300));

  // What the server answers alice's heartbeat: her job with minutes left, nothing else.
  api_client::ApiClient api(must(api_client::parse_server_urls({server_->base_url()})),
                            api_client::ClientOptions{});
  auto session = api_client::login(api, "alice", kPassword);
  ASSERT_TRUE(session.ok()) << api_client::describe(session.error());
  api.set_token(session->token);
  auto answer = api_client::send_client_report(api, {"ws-alice", "ws-1", "alice", 0});
  ASSERT_TRUE(answer.ok()) << api_client::describe(answer.error());
  ASSERT_EQ(answer->held_jobs_expiring.size(), 1u);
  EXPECT_EQ(answer->held_jobs_expiring[0].uuid, soon);
  EXPECT_EQ(answer->held_jobs_expiring[0].title, "minutes-left.pdf");
  EXPECT_EQ(answer->held_jobs_expiring[0].queue, "secure");
  EXPECT_EQ(answer->held_jobs_expiring[0].expires_at,
            model::format_timestamp(now - std::chrono::seconds(3300) + std::chrono::seconds(3600)));

  // Alice's desktop client shows it with its first report.
  RunningClient client(server_->base_url());
  client.login("alice", kPassword);
  auto shown = client.wait_for_event(client::ClientEvent::Kind::kNotification);
  ASSERT_TRUE(shown);
  EXPECT_NE(shown->message.find("\"minutes-left.pdf\" held on secure will be deleted at"),
            std::string::npos)
      << shown->message;
  for (const auto& event : client.events()) {
    EXPECT_EQ(event.message.find("hour-left"), std::string::npos) << event.message;
    EXPECT_EQ(event.message.find("bobs"), std::string::npos) << event.message;
  }
}

}  // namespace
}  // namespace printline::testing
