// Retention of waiting jobs (docs/client.md, "Retention"): with the profile's keep_waiting_days
// at 7, a daemon whose server is away drops a job that has waited 8 days — after telling the
// user — deletes its document, announces the one in its last day, and keeps a fresh one.
// The jobs' ages are set in the real outbox before the daemon opens it.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "client/client_cache.h"
#include "client/client_daemon.h"
#include "client/outbox_store.h"
#include "core/job_uuid.h"
#include "support/loopback_port.h"
#include "support/temp_dir.h"
#include "transport/document_source.h"

namespace printline::client {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

// A job waiting `waited` for the server in the outbox of `state`; returns its UUID.
std::string waiting_job(OutboxStore& outbox, const std::string& title, std::chrono::hours waited) {
  OutboxJob job;
  job.uuid = new_job_uuid();
  job.title = title;
  job.document_format = "application/pdf";
  job.submitted_by = "test";
  auto document = transport::document_from_string("%PDF-1.4 " + title);
  auto added = outbox.add(job, *document);
  EXPECT_TRUE(added.ok());
  added->state = JobState::kWaitingForServer;
  added->hold_until_retry = true;  // the user chose Retry: only the server may take it
  added->received_at = model::now_seconds() - waited;
  EXPECT_TRUE(outbox.update(*added).ok());
  return added->uuid;
}

TEST(WaitingRetention, DecidesByTheTimeAJobHasWaited) {
  OutboxJob job;
  const auto now = model::now_seconds();
  job.received_at = now - 24h * 3;
  EXPECT_EQ(waiting_retention(job, 7, now), WaitingRetention::kKeep);
  job.received_at = now - 24h * 6 - 1h;
  EXPECT_EQ(waiting_retention(job, 7, now), WaitingRetention::kWarn);
  job.received_at = now - 24h * 7;
  EXPECT_EQ(waiting_retention(job, 7, now), WaitingRetention::kDrop);
  // One day kept: announced for its last half day only.
  job.received_at = now - 11h;
  EXPECT_EQ(waiting_retention(job, 1, now), WaitingRetention::kKeep);
  job.received_at = now - 13h;
  EXPECT_EQ(waiting_retention(job, 1, now), WaitingRetention::kWarn);
}

TEST(WaitingRetention, TheDaemonDropsAJobThatWaitedTooLongAfterTellingTheUser) {
  TempDir dir;
  std::string old_uuid, last_day_uuid, fresh_uuid;
  {
    auto outbox = OutboxStore::open(dir.path());
    ASSERT_TRUE(outbox.ok()) << outbox.error().message;
    old_uuid = waiting_job(**outbox, "old.pdf", 24h * 8);
    last_day_uuid = waiting_job(**outbox, "last-day.pdf", 24h * 6 + 12h);
    fresh_uuid = waiting_job(**outbox, "fresh.pdf", 24h);
  }
  {
    ClientCache cache(dir.path());
    api_client::ProfileAnswer profile;
    profile.etag = "\"1\"";
    profile.profile.name = "office";
    profile.profile.fallback.keep_waiting_days = 7;
    ASSERT_TRUE(cache.set_profile(profile).ok());
  }

  ClientConfig config;
  config.state_dir = dir.path();
  config.servers = {"http://127.0.0.1:" + std::to_string(testing::pick_free_port())};
  config.connect_timeout = 300ms;
  config.heartbeat_interval = 200ms;
  auto daemon = ClientDaemon::open(config);
  ASSERT_TRUE(daemon.ok()) << daemon.error().message;

  std::mutex mutex;
  std::condition_variable changed;
  std::vector<ClientEvent> events;
  auto subscription = (*daemon)->subscribe([&](const ClientEvent& event) {
    std::lock_guard lock(mutex);
    events.push_back(event);
    changed.notify_all();
  });
  (*daemon)->start();
  const auto dropped_at = [&]() -> std::ptrdiff_t {
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i].kind == ClientEvent::Kind::kJobChanged && events[i].job &&
          events[i].job->uuid == old_uuid && events[i].job->state == JobState::kCancelled) {
        return static_cast<std::ptrdiff_t>(i);
      }
    }
    return -1;
  };
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(changed.wait_for(lock, 30s, [&] { return dropped_at() >= 0; }))
        << "the 8-day-old job was not dropped";
  }
  (*daemon)->stop();

  // Told first (the notification comes before the change), with what to do.
  std::ptrdiff_t told_at = -1, warned = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& event = events[i];
    if (event.kind != ClientEvent::Kind::kNotification || !event.job) continue;
    if (event.job->uuid == old_uuid && told_at < 0) {
      told_at = static_cast<std::ptrdiff_t>(i);
      EXPECT_NE(event.message.find("waited 7 days"), std::string::npos) << event.message;
      EXPECT_NE(event.message.find("Print it again"), std::string::npos) << event.message;
    }
    if (event.job->uuid == last_day_uuid) {
      ++warned;
      EXPECT_NE(event.message.find("within a day"), std::string::npos) << event.message;
    }
    EXPECT_NE(event.job->uuid, fresh_uuid) << event.message;
  }
  ASSERT_GE(told_at, 0);
  EXPECT_LT(told_at, dropped_at());
  EXPECT_EQ(warned, 1) << "the last-day job is announced once per run";

  auto old_job = (*daemon)->job(old_uuid);
  ASSERT_TRUE(old_job);
  EXPECT_EQ(old_job->state, JobState::kCancelled);
  EXPECT_FALSE(std::filesystem::exists((*daemon)->spool_dir() / old_uuid));
  EXPECT_EQ((*daemon)->job(last_day_uuid)->state, JobState::kWaitingForServer);
  EXPECT_EQ((*daemon)->job(fresh_uuid)->state, JobState::kWaitingForServer);
  EXPECT_TRUE(std::filesystem::exists((*daemon)->spool_dir() / fresh_uuid));
}

}  // namespace
}  // namespace printline::client
