// One user cannot block Create-Job for everyone (docs/security.md, D13): 10,001 Create-Jobs
// without documents by one user used to fill the server's table for ten minutes. Against a real
// server: mallory's Create-Jobs stop at her own share with client-error-not-possible and a
// status-message, while alice still creates a job, sends its document and has it held.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "server/ipp_test_client.h"
#include "server/running_server.h"
#include "store/store.h"

namespace printline::testing {
namespace {

// A hold queue "hold", a price list, and the users mallory and alice ("<login>-password").
void set_up_office(RunningServer& server) {
  auto store = store::open_sqlite_store(server.config().data_dir / "printline.db");
  ASSERT_TRUE(store.ok()) << store.error().message;
  model::PrintQueue hold;
  hold.name = "hold";
  hold.kind = model::QueueKind::kHold;
  ASSERT_TRUE((*store)->create_queue(hold, store::system_actor()).ok());
  model::PriceList prices;
  prices.prices.push_back({model::PaperSize::kA4, false, 10});
  prices.prices.push_back({model::PaperSize::kA4, true, 50});
  ASSERT_TRUE((*store)->set_price_list(prices, store::system_actor()).ok());
  for (const char* login : {"mallory", "alice"}) {
    model::User user;
    user.login = login;
    ASSERT_TRUE(
        (*store)->create_user(user, std::string(login) + "-password", store::system_actor()).ok());
  }
}

TEST(IppFairness, OneUsersCreateJobsStopAtTheirShareWhileAnotherUserStillPrints) {
  RunningServer server;
  set_up_office(server);
  if (::testing::Test::HasFatalFailure()) return;
  const std::string uri = "ipp://127.0.0.1:" + std::to_string(server.port()) + "/ipp/print/hold";
  const Credentials mallory{"mallory", "mallory-password"};
  const Credentials alice{"alice", "alice-password"};

  int created = 0;
  IppReply refused;
  for (int i = 0; i < 150; ++i) {
    auto create = ipp_request(IPP_OP_CREATE_JOB, uri);
    auto reply = post_ipp(server.port(), "hold", create.get(), "", mallory);
    if (reply.status() != IPP_STATUS_OK) {
      refused = std::move(reply);
      break;
    }
    ++created;
  }
  EXPECT_EQ(created, 100);
  EXPECT_EQ(refused.status(), IPP_STATUS_ERROR_NOT_POSSIBLE);
  EXPECT_NE(refused.string("status-message").find("waiting for their document"),
            std::string::npos)
      << refused.string("status-message");

  // Alice is not affected: Create-Job, Send-Document, and her job is held.
  auto create = ipp_request(IPP_OP_CREATE_JOB, uri);
  auto made = post_ipp(server.port(), "hold", create.get(), "", alice);
  ASSERT_EQ(made.status(), IPP_STATUS_OK) << made.string("status-message");
  auto send = ipp_request(IPP_OP_SEND_DOCUMENT, uri);
  ippAddInteger(send.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", made.integer("job-id"));
  ippAddBoolean(send.get(), IPP_TAG_OPERATION, "last-document", 1);
  ippAddString(send.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               "text/plain");
  auto sent = post_ipp(server.port(), "hold", send.get(), "Alice's page\n", alice);
  ASSERT_EQ(sent.status(), IPP_STATUS_OK) << sent.string("status-message");
  auto get = ipp_request(IPP_OP_GET_JOB_ATTRIBUTES, uri);
  ippAddInteger(get.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", made.integer("job-id"));
  auto got = post_ipp(server.port(), "hold", get.get(), "", alice);
  EXPECT_EQ(got.integer("job-state"), IPP_JSTATE_HELD);
}

// Held jobs stay in the spool until someone releases them: one user's pile must not fill the
// disk for everyone (D12). mallory's Print-Jobs to a hold queue stop at the per-user count
// with a message that says what to do, and a document that would take her held bytes past
// their limit is refused and not kept; alice still prints.
TEST(IppFairness, OneUsersHeldJobsStopAtTheirCountAndBytesWhileAnotherUserStillPrints) {
  RunningServer server([](server::ServerConfig& config) {
    config.max_held_jobs_per_user = 5;
    config.max_upload_bytes = 64 << 10;
    config.max_held_bytes_per_user = 200 << 10;
  });
  set_up_office(server);
  if (::testing::Test::HasFatalFailure()) return;
  const std::string uri = "ipp://127.0.0.1:" + std::to_string(server.port()) + "/ipp/print/hold";
  const Credentials mallory{"mallory", "mallory-password"};
  const Credentials alice{"alice", "alice-password"};
  auto print = [&](const Credentials& who, const std::string& text) {
    auto request = ipp_request(IPP_OP_PRINT_JOB, uri);
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 "text/plain");
    return post_ipp(server.port(), "hold", request.get(), text, who);
  };
  // Documents only (named by their UUID): the "not analysed yet" marks beside them come and go
  // as the background analysis runs.
  auto spooled_files = [&] {
    int files = 0;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(server.config().spool_dir())) {
      const auto name = entry.path().filename().string();
      if (entry.is_regular_file() && name.find('.') == std::string::npos) ++files;
    }
    return files;
  };

  // Bytes first: 60 KiB documents; the fourth would pass 200 KiB of held documents.
  const std::string big(60 << 10, 'x');
  for (int i = 0; i < 3; ++i) {
    auto held = print(mallory, big);
    ASSERT_EQ(held.status(), IPP_STATUS_OK) << held.string("status-message");
  }
  const int files_before = spooled_files();
  auto too_many_bytes = print(mallory, big);
  EXPECT_EQ(too_many_bytes.status(), IPP_STATUS_ERROR_NOT_POSSIBLE);
  EXPECT_NE(too_many_bytes.string("status-message").find("MiB waiting"), std::string::npos)
      << too_many_bytes.string("status-message");
  EXPECT_EQ(spooled_files(), files_before) << "the refused document was kept";

  // Then the count: small documents up to five held jobs, the sixth refused.
  for (int i = 0; i < 2; ++i) {
    auto held = print(mallory, "small\n");
    ASSERT_EQ(held.status(), IPP_STATUS_OK) << held.string("status-message");
  }
  auto too_many_jobs = print(mallory, "small\n");
  EXPECT_EQ(too_many_jobs.status(), IPP_STATUS_ERROR_NOT_POSSIBLE);
  EXPECT_NE(too_many_jobs.string("status-message").find("5 held jobs"), std::string::npos)
      << too_many_jobs.string("status-message");

  // Alice is not affected.
  auto hers = print(alice, big);
  EXPECT_EQ(hers.status(), IPP_STATUS_OK) << hers.string("status-message");
}

}  // namespace
}  // namespace printline::testing
