// The IPP queues end to end: an in-process printline-server whose direct queue prints to a real
// ippeveprinter, driven by libcups, raw IPP over HTTP, and CUPS ipptool's ipp-1.1.test.

#include <cups/cups.h>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <thread>

#include "core/job_uuid.h"
#include "ipp_test_client.h"
#include "job_test_fixture.h"
#include "model/ledger_entry.h"
#include "running_server.h"
#include "support/ipp_eve_printer_peer.h"
#include "support/must.h"

namespace printline::testing {
namespace {

using model::JobState;

// A server with a priced admin, a second user, a direct queue on ippeveprinter and a hold
// queue. Objects are created through a second connection to the server's SQLite database.
class IppQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = must(store::open_sqlite_store((server_.config().data_dir / "printline.db").string()));
    model::PriceList prices;
    for (auto paper : {model::PaperSize::kA4, model::PaperSize::kLetter}) {
      prices.prices.push_back({paper, false, kMonoA4Cents});
      prices.prices.push_back({paper, true, kColorA4Cents});
    }
    must(store_->set_price_list(prices, store::system_actor()));
    admin_ = *must(store_->find_user_by_login(RunningServer::kAdminLogin));
    must(store_->top_up(admin_.id, 10000, "test", store::system_actor()));
    model::User bob;
    bob.login = "bob";
    bob.name = "Bob";
    bob_ = must(store_->create_user(bob, "bob-password", store::system_actor()));
    must(store_->top_up(bob_.id, 10000, "test", store::system_actor()));
    model::Printer printer;
    printer.name = "eve";
    printer.device_uri = eve_.uri();
    printer.color = true;
    printer_ = must(store_->create_printer(printer, store::system_actor()));
    model::PrintQueue direct;
    direct.name = "office";
    direct.printer_id = printer_.id;
    must(store_->create_queue(direct, store::system_actor()));
    model::PrintQueue hold;
    hold.name = "hold";
    hold.kind = model::QueueKind::kHold;
    must(store_->create_queue(hold, store::system_actor()));
  }

  std::string queue_uri(const std::string& queue) const {
    return "ipp://127.0.0.1:" + std::to_string(server_.port()) + "/ipp/print/" + queue;
  }
  Credentials admin() const { return {RunningServer::kAdminLogin, RunningServer::kAdminPassword}; }
  Credentials bob() const { return {"bob", "bob-password"}; }

  int charges(std::int64_t user_id) {
    int count = 0;
    for (const auto& entry : must(store_->ledger_of(user_id))) {
      if (entry.kind == model::LedgerKind::kCharge) ++count;
    }
    return count;
  }
  model::Job wait_for(const std::string& uuid, JobState state) {
    for (int i = 0; i < 1000; ++i) {
      auto job = must(store_->find_job(uuid));
      if (job && job->state == state) return *job;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return *must(store_->find_job(uuid));
  }
  IppReply submit_to_hold(const Credentials& who) {
    auto request = ipp_request(IPP_OP_PRINT_JOB, queue_uri("hold"));
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 "application/pdf");
    return post_ipp(server_.port(), "hold", request.get(), read_file(kTestPdf), who);
  }

  IppEvePrinterPeer eve_;
  RunningServer server_;
  std::unique_ptr<store::Store> store_;
  model::User admin_;
  model::User bob_;
  model::Printer printer_;
};

// libcups, as a desktop client would: Print-Job with Basic credentials and its job UUID.
ipp_status_t print_with_libcups(int port, const std::string& uri, const std::string& uuid,
                                int* job_id) {
  http_t* http = httpConnect2("127.0.0.1", port, nullptr, AF_INET, HTTP_ENCRYPTION_IF_REQUESTED, 1,
                              30000, nullptr);
  if (!http) return IPP_STATUS_ERROR_SERVICE_UNAVAILABLE;
  std::array<char, 256> encoded{};
  const std::string credentials =
      std::string(RunningServer::kAdminLogin) + ":" + RunningServer::kAdminPassword;
  httpEncode64_2(encoded.data(), encoded.size(), credentials.data(),
                 static_cast<int>(credentials.size()));
  httpSetAuthString(http, "Basic", encoded.data());
  ipp_t* request = ippNewRequest(IPP_OP_PRINT_JOB);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               RunningServer::kAdminLogin);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, "test page");
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               "application/pdf");
  ippAddString(request, IPP_TAG_JOB, IPP_TAG_URI, "job-uuid", nullptr,
               ("urn:uuid:" + uuid).c_str());
  const std::string resource = uri.substr(uri.find("/ipp/"));
  ipp_t* response = cupsDoFileRequest(http, request, resource.c_str(), kTestPdf.c_str());
  const ipp_status_t status = cupsLastError();
  if (ipp_attribute_t* id = ippFindAttribute(response, "job-id", IPP_TAG_INTEGER)) {
    *job_id = ippGetInteger(id, 0);
  }
  ippDelete(response);
  httpClose(http);
  return status;
}

TEST_F(IppQueueTest, PdfArrivesAtIppeveprinterIdenticalAndIsChargedOnce) {
  const std::string uuid = new_job_uuid();
  int job_id = 0;
  ASSERT_EQ(print_with_libcups(server_.port(), queue_uri("office"), uuid, &job_id), IPP_STATUS_OK)
      << cupsLastErrorString();
  EXPECT_GT(job_id, 0);
  auto job = wait_for(uuid, JobState::kPrinted);
  ASSERT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_EQ(job.id, job_id);
  auto spooled = eve_.spooled_document(1);
  ASSERT_TRUE(spooled.has_value());
  EXPECT_EQ(read_file(*spooled), read_file(kTestPdf));
  EXPECT_EQ(charges(admin_.id), 1);

  // The desktop client retries with the same UUID: same job, nothing printed or charged.
  eve_.wait_until_job_finished(1);
  int again_id = 0;
  ASSERT_EQ(print_with_libcups(server_.port(), queue_uri("office"), uuid, &again_id),
            IPP_STATUS_OK);
  EXPECT_EQ(again_id, job_id);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_FALSE(eve_.spooled_document(2, std::chrono::milliseconds(500)).has_value());
  EXPECT_EQ(charges(admin_.id), 1);
}

TEST_F(IppQueueTest, JobOperationsWithoutCredentialsGet401) {
  auto request = ipp_request(IPP_OP_GET_JOBS, queue_uri("office"));
  auto reply = post_ipp(server_.port(), "office", request.get());
  EXPECT_EQ(reply.http_status, 401);
  EXPECT_EQ(reply.www_authenticate, "Basic realm=\"Printline\"");

  auto wrong = post_ipp(server_.port(), "office", request.get(), "", Credentials{"bob", "nope"});
  EXPECT_EQ(wrong.http_status, 401);

  auto attributes = ipp_request(IPP_OP_GET_PRINTER_ATTRIBUTES, queue_uri("office"));
  auto anonymous = post_ipp(server_.port(), "office", attributes.get());
  EXPECT_EQ(anonymous.http_status, 200);
  EXPECT_EQ(anonymous.status(), IPP_STATUS_OK);
  EXPECT_EQ(anonymous.string("printer-name"), "office");
}

TEST_F(IppQueueTest, AnotherUsersJobIsInvisible) {
  auto submitted = submit_to_hold(admin());
  ASSERT_EQ(submitted.status(), IPP_STATUS_OK) << submitted.string("status-message");
  const int job_id = submitted.integer("job-id");
  EXPECT_EQ(submitted.integer("job-state"), IPP_JSTATE_HELD);

  auto get = ipp_request(IPP_OP_GET_JOB_ATTRIBUTES, queue_uri("hold"));
  ippAddInteger(get.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  EXPECT_EQ(post_ipp(server_.port(), "hold", get.get(), "", bob()).status(),
            IPP_STATUS_ERROR_NOT_FOUND);
  EXPECT_EQ(post_ipp(server_.port(), "hold", get.get(), "", admin()).status(), IPP_STATUS_OK);

  auto cancel = ipp_request(IPP_OP_CANCEL_JOB, queue_uri("hold"));
  ippAddInteger(cancel.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  EXPECT_EQ(post_ipp(server_.port(), "hold", cancel.get(), "", bob()).status(),
            IPP_STATUS_ERROR_NOT_FOUND);

  auto list = ipp_request(IPP_OP_GET_JOBS, queue_uri("hold"));
  auto bobs = post_ipp(server_.port(), "hold", list.get(), "", bob());
  EXPECT_EQ(bobs.status(), IPP_STATUS_OK);
  EXPECT_EQ(bobs.count("job-id"), 0);
  EXPECT_EQ(post_ipp(server_.port(), "hold", list.get(), "", admin()).count("job-id"), 1);

  EXPECT_EQ(post_ipp(server_.port(), "hold", cancel.get(), "", admin()).status(), IPP_STATUS_OK);
  EXPECT_EQ(post_ipp(server_.port(), "hold", cancel.get(), "", admin()).status(),
            IPP_STATUS_ERROR_NOT_POSSIBLE);
}

TEST_F(IppQueueTest, CreateJobThenSendDocument) {
  auto create = ipp_request(IPP_OP_CREATE_JOB, queue_uri("hold"));
  auto created = post_ipp(server_.port(), "hold", create.get(), "", bob());
  ASSERT_EQ(created.status(), IPP_STATUS_OK) << created.string("status-message");
  const int job_id = created.integer("job-id");
  auto send = ipp_request(IPP_OP_SEND_DOCUMENT, queue_uri("hold"));
  ippAddInteger(send.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddBoolean(send.get(), IPP_TAG_OPERATION, "last-document", 1);
  auto sent = post_ipp(server_.port(), "hold", send.get(), read_file(kTestPdf), bob());
  ASSERT_EQ(sent.status(), IPP_STATUS_OK) << sent.string("status-message");
  EXPECT_EQ(sent.integer("job-id"), job_id);
  auto get = ipp_request(IPP_OP_GET_JOB_ATTRIBUTES, queue_uri("hold"));
  ippAddInteger(get.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  // A hold-queue job is acknowledged first and analysed in the background: job-impressions
  // appears once the analyser has counted it.
  auto got = post_ipp(server_.port(), "hold", get.get(), "", bob());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (got.count("job-impressions") == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    got = post_ipp(server_.port(), "hold", get.get(), "", bob());
  }
  EXPECT_EQ(got.status(), IPP_STATUS_OK);
  EXPECT_EQ(got.integer("job-state"), IPP_JSTATE_HELD);
  EXPECT_EQ(got.integer("job-impressions"), 1);
}

TEST_F(IppQueueTest, CreateJobWaitingForItsDocumentIsAbortedByARestart) {
  auto create = ipp_request(IPP_OP_CREATE_JOB, queue_uri("hold"));
  auto created = post_ipp(server_.port(), "hold", create.get(), "", bob());
  ASSERT_EQ(created.status(), IPP_STATUS_OK) << created.string("status-message");
  const int job_id = created.integer("job-id");

  server_.stop();
  RunningServer restarted(
      [&](server::ServerConfig& config) { config.data_dir = server_.config().data_dir; });
  const std::string uri = "ipp://127.0.0.1:" + std::to_string(restarted.port()) + "/ipp/print/hold";
  auto get = ipp_request(IPP_OP_GET_JOB_ATTRIBUTES, uri);
  ippAddInteger(get.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  auto got = post_ipp(restarted.port(), "hold", get.get(), "", bob());
  EXPECT_EQ(got.status(), IPP_STATUS_ERROR_NOT_FOUND);
  EXPECT_NE(got.string("status-message").find("restarted"), std::string::npos)
      << got.string("status-message");
  EXPECT_NE(got.string("status-message").find("Submit the job again"), std::string::npos);

  auto send = ipp_request(IPP_OP_SEND_DOCUMENT, uri);
  ippAddInteger(send.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddBoolean(send.get(), IPP_TAG_OPERATION, "last-document", 1);
  auto sent = post_ipp(restarted.port(), "hold", send.get(), read_file(kTestPdf), bob());
  EXPECT_EQ(sent.status(), IPP_STATUS_ERROR_NOT_FOUND);
  EXPECT_TRUE(must(store_->list_jobs({})).empty());  // nothing recorded, nothing charged
  EXPECT_EQ(charges(bob_.id), 0);

  // A new Create-Job after the restart does not reuse the id the client still holds.
  auto again =
      post_ipp(restarted.port(), "hold", ipp_request(IPP_OP_CREATE_JOB, uri).get(), "", bob());
  ASSERT_EQ(again.status(), IPP_STATUS_OK) << again.string("status-message");
  EXPECT_NE(again.integer("job-id"), job_id);
}

TEST_F(IppQueueTest, BadRequestsGetPreciseAnswers) {
  httplib::Client client("127.0.0.1", server_.port());
  auto garbage = client.Post("/ipp/print/office", "not ipp at all", "application/ipp");
  ASSERT_TRUE(garbage);
  EXPECT_EQ(garbage->status, 400);

  auto old = ipp_request(IPP_OP_GET_PRINTER_ATTRIBUTES, queue_uri("office"));
  ippSetVersion(old.get(), 0, 9);
  EXPECT_EQ(post_ipp(server_.port(), "office", old.get()).status(),
            IPP_STATUS_ERROR_VERSION_NOT_SUPPORTED);

  auto unknown = ipp_request(IPP_OP_GET_PRINTER_ATTRIBUTES, queue_uri("nowhere"));
  EXPECT_EQ(post_ipp(server_.port(), "nowhere", unknown.get()).status(),
            IPP_STATUS_ERROR_NOT_FOUND);

  auto bad_uuid = ipp_request(IPP_OP_PRINT_JOB, queue_uri("hold"));
  ippAddString(bad_uuid.get(), IPP_TAG_JOB, IPP_TAG_URI, "job-uuid", nullptr, "urn:uuid:nope");
  EXPECT_EQ(post_ipp(server_.port(), "hold", bad_uuid.get(), read_file(kTestPdf), bob()).status(),
            IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES);

  auto not_pdf = ipp_request(IPP_OP_PRINT_JOB, queue_uri("hold"));
  EXPECT_EQ(
      post_ipp(server_.port(), "hold", not_pdf.get(), std::string(100, '\x01'), bob()).status(),
      IPP_STATUS_ERROR_DOCUMENT_FORMAT_ERROR);
}

TEST(IppQueueLimitTest, OversizeUploadIsRefusedClearly) {
  RunningServer server([](server::ServerConfig& config) { config.max_upload_bytes = 1000; });
  auto store = must(store::open_sqlite_store((server.config().data_dir / "printline.db").string()));
  model::PrintQueue hold;
  hold.name = "hold";
  hold.kind = model::QueueKind::kHold;
  must(store->create_queue(hold, store::system_actor()));
  auto request = ipp_request(IPP_OP_PRINT_JOB, "ipp://127.0.0.1/ipp/print/hold");
  auto reply = post_ipp(server.port(), "hold", request.get(), std::string(3 << 20, 'x'),
                        Credentials{RunningServer::kAdminLogin, RunningServer::kAdminPassword});
  // Either the refusal arrives, or the server closed the connection on the oversize body.
  if (reply.http_status != 0) {
    EXPECT_EQ(reply.http_status, 413);
  }
  EXPECT_TRUE(must(store->list_jobs({})).empty());
}

// CUPS' own conformance tests, with the credentials in the URI (ipptool answers the 401 with
// them, as "SKIP-IF-DEFINED uriuser" in the test files expect).
std::string run_ipptool(int port, const char* test_file, int* status) {
  const std::string uri = "ipp://" + std::string(RunningServer::kAdminLogin) + ":" +
                          RunningServer::kAdminPassword + "@127.0.0.1:" + std::to_string(port) +
                          "/ipp/print/office";
  const std::string command = "ipptool -t -T 30 -f " + kTestPdf.string() + " '" + uri +
                              "' /usr/share/cups/ipptool/" + test_file + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return "popen failed";
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
  *status = ::pclose(pipe);
  return output;
}

TEST_F(IppQueueTest, IpptoolIpp11TestPasses) {
  int status = -1;
  const auto output = run_ipptool(server_.port(), "ipp-1.1.test", &status);
  EXPECT_EQ(status, 0) << output;
}

// PWG 5100.12 section 6.2 (with ipp-1.1.test): media, finishings, orientation, output bin,
// quality, resolution, sides — advertised, and honoured below.
TEST_F(IppQueueTest, IpptoolIpp20TestPasses) {
  int status = -1;
  const auto output = run_ipptool(server_.port(), "ipp-2.0.test", &status);
  EXPECT_EQ(status, 0) << output;
}

// PWG 5100.12 section 6.3: job-hold-until, job-priority, job-sheets, notifications and the
// IPP/2.1 operations (held, released, paused and subscribed to below).
TEST_F(IppQueueTest, IpptoolIpp21TestPasses) {
  int status = -1;
  const auto output = run_ipptool(server_.port(), "ipp-2.1.test", &status);
  EXPECT_EQ(status, 0) << output;
}

// A Print-Job to the direct queue with job-id and job-uuid, held or not.
IppReply print_to_office(int port, const std::string& uri, const std::string& uuid, bool held,
                         const Credentials& who) {
  auto request = ipp_request(IPP_OP_PRINT_JOB, uri);
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               "application/pdf");
  ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_URI, "job-uuid", nullptr,
               ("urn:uuid:" + uuid).c_str());
  if (held) {
    ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "job-hold-until", nullptr,
                 "indefinite");
  }
  return post_ipp(port, "office", request.get(), read_file(kTestPdf), who);
}

IppReply job_operation(int port, const std::string& uri, ipp_op_t operation, int job_id,
                       const Credentials& who) {
  auto request = ipp_request(operation, uri);
  ippAddInteger(request.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  return post_ipp(port, "office", request.get(), "", who);
}

IppReply printer_operation(int port, const std::string& uri, ipp_op_t operation,
                           const Credentials& who) {
  auto request = ipp_request(operation, uri);
  return post_ipp(port, "office", request.get(), "", who);
}

// job-hold-until "indefinite" on a direct queue: recorded held, not printed nor charged, until
// Release-Job; then printed on the queue's printer and charged once.
TEST_F(IppQueueTest, AHeldJobPrintsOnlyWhenReleased) {
  const std::string uuid = new_job_uuid();
  auto printed = print_to_office(server_.port(), queue_uri("office"), uuid, true, bob());
  ASSERT_EQ(printed.status(), IPP_STATUS_OK) << printed.string("status-message");
  EXPECT_EQ(printed.integer("job-state"), IPP_JSTATE_HELD);
  const int job_id = printed.integer("job-id");
  EXPECT_EQ(must(store_->find_job(uuid))->state, JobState::kHeld);
  EXPECT_EQ(charges(bob_.id), 0);

  // Held twice is still held; a held job cannot be restarted.
  EXPECT_EQ(job_operation(server_.port(), queue_uri("office"), IPP_OP_HOLD_JOB, job_id, bob())
                .status(),
            IPP_STATUS_OK);
  EXPECT_EQ(job_operation(server_.port(), queue_uri("office"), IPP_OP_RESTART_JOB, job_id, bob())
                .status(),
            IPP_STATUS_ERROR_NOT_POSSIBLE);
  auto released =
      job_operation(server_.port(), queue_uri("office"), IPP_OP_RELEASE_JOB, job_id, bob());
  ASSERT_EQ(released.status(), IPP_STATUS_OK) << released.string("status-message");
  EXPECT_EQ(wait_for(uuid, JobState::kPrinted).state, JobState::kPrinted);
  EXPECT_EQ(charges(bob_.id), 1);
  // Released again: it is not held any more.
  auto again = job_operation(server_.port(), queue_uri("office"), IPP_OP_RELEASE_JOB, job_id, bob());
  EXPECT_EQ(again.status(), IPP_STATUS_ERROR_NOT_POSSIBLE);
  EXPECT_NE(again.string("status-message").find("not held"), std::string::npos);
}

// Set-Job-Attributes job-hold-until holds a job opened by Create-Job before its document
// arrives, and "no-hold" releases it; other attributes are not settable.
TEST_F(IppQueueTest, SetJobAttributesHoldsAndReleases) {
  auto create = ipp_request(IPP_OP_CREATE_JOB, queue_uri("office"));
  auto created = post_ipp(server_.port(), "office", create.get(), "", bob());
  ASSERT_EQ(created.status(), IPP_STATUS_OK);
  const int job_id = created.integer("job-id");
  auto set = ipp_request(IPP_OP_SET_JOB_ATTRIBUTES, queue_uri("office"));
  ippAddInteger(set.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString(set.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "job-hold-until", nullptr, "indefinite");
  ASSERT_EQ(post_ipp(server_.port(), "office", set.get(), "", bob()).status(), IPP_STATUS_OK);
  auto copies = ipp_request(IPP_OP_SET_JOB_ATTRIBUTES, queue_uri("office"));
  ippAddInteger(copies.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddInteger(copies.get(), IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", 2);
  EXPECT_EQ(post_ipp(server_.port(), "office", copies.get(), "", bob()).status(),
            IPP_STATUS_ERROR_ATTRIBUTES_NOT_SETTABLE);

  auto send = ipp_request(IPP_OP_SEND_DOCUMENT, queue_uri("office"));
  ippAddInteger(send.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddBoolean(send.get(), IPP_TAG_OPERATION, "last-document", 1);
  auto sent = post_ipp(server_.port(), "office", send.get(), read_file(kTestPdf), bob());
  ASSERT_EQ(sent.status(), IPP_STATUS_OK) << sent.string("status-message");
  const std::string uuid = sent.string("job-uuid").substr(9);
  EXPECT_EQ(must(store_->find_job(uuid))->state, JobState::kHeld);

  auto release = ipp_request(IPP_OP_SET_JOB_ATTRIBUTES, queue_uri("office"));
  ippAddInteger(release.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString(release.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "job-hold-until", nullptr, "no-hold");
  ASSERT_EQ(post_ipp(server_.port(), "office", release.get(), "", bob()).status(), IPP_STATUS_OK);
  EXPECT_EQ(wait_for(uuid, JobState::kPrinted).state, JobState::kPrinted);
}

// Pause-Printer holds what the queue receives until Resume-Printer, which prints it;
// Disable-Printer refuses new jobs. Only an administrator controls the queue.
TEST_F(IppQueueTest, PauseResumeDisableAndEnableTheQueue) {
  EXPECT_EQ(printer_operation(server_.port(), queue_uri("office"), IPP_OP_PAUSE_PRINTER, bob())
                .status(),
            IPP_STATUS_ERROR_FORBIDDEN);
  ASSERT_EQ(printer_operation(server_.port(), queue_uri("office"), IPP_OP_PAUSE_PRINTER, admin())
                .status(),
            IPP_STATUS_OK);
  auto attributes = printer_operation(server_.port(), queue_uri("office"),
                                      IPP_OP_GET_PRINTER_ATTRIBUTES, admin());
  EXPECT_EQ(attributes.integer("printer-state"), IPP_PSTATE_STOPPED);
  EXPECT_EQ(attributes.string("printer-state-reasons"), "paused");

  const std::string uuid = new_job_uuid();
  auto printed = print_to_office(server_.port(), queue_uri("office"), uuid, false, bob());
  ASSERT_EQ(printed.status(), IPP_STATUS_OK) << printed.string("status-message");
  EXPECT_EQ(must(store_->find_job(uuid))->state, JobState::kHeld);
  ASSERT_EQ(printer_operation(server_.port(), queue_uri("office"), IPP_OP_RESUME_PRINTER, admin())
                .status(),
            IPP_STATUS_OK);
  EXPECT_EQ(wait_for(uuid, JobState::kPrinted).state, JobState::kPrinted);

  ASSERT_EQ(printer_operation(server_.port(), queue_uri("office"), IPP_OP_DISABLE_PRINTER, admin())
                .status(),
            IPP_STATUS_OK);
  auto refused = print_to_office(server_.port(), queue_uri("office"), new_job_uuid(), false, bob());
  EXPECT_EQ(refused.status(), IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS);
  EXPECT_NE(refused.string("status-message").find("not accepting"), std::string::npos);
  ASSERT_EQ(printer_operation(server_.port(), queue_uri("office"), IPP_OP_ENABLE_PRINTER, admin())
                .status(),
            IPP_STATUS_OK);
  EXPECT_EQ(print_to_office(server_.port(), queue_uri("office"), new_job_uuid(), false, bob())
                .status(),
            IPP_STATUS_OK);
}

// Page ranges that select none of the document's pages would print nothing and charge
// nothing: refused, naming the ranges and the page count.
TEST_F(IppQueueTest, PageRangesPastTheLastPageAreRefused) {
  auto request = ipp_request(IPP_OP_PRINT_JOB, queue_uri("office"));
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               "application/pdf");
  ippAddRange(request.get(), IPP_TAG_JOB, "page-ranges", 900, 999);
  auto refused = post_ipp(server_.port(), "office", request.get(), read_file(kTestPdf), bob());
  EXPECT_EQ(refused.status(), IPP_STATUS_ERROR_NOT_POSSIBLE);
  const auto message = refused.string("status-message");
  EXPECT_NE(message.find("page-ranges 900-999 selects no page of this"), std::string::npos)
      << message;
  EXPECT_TRUE(must(store_->list_jobs({})).empty());
  EXPECT_EQ(charges(bob_.id), 0);
}

// RFC 3995/3996: a subscriber polls the job's creation and, once it printed, its completion.
TEST_F(IppQueueTest, SubscribersAreToldOfJobsByIppget) {
  auto subscribe = ipp_request(IPP_OP_CREATE_PRINTER_SUBSCRIPTIONS, queue_uri("office"));
  ippAddString(subscribe.get(), IPP_TAG_SUBSCRIPTION, IPP_TAG_KEYWORD, "notify-pull-method",
               nullptr, "ippget");
  const char* events[] = {"job-created", "job-completed"};
  ippAddStrings(subscribe.get(), IPP_TAG_SUBSCRIPTION, IPP_TAG_KEYWORD, "notify-events", 2,
                nullptr, events);
  auto subscribed = post_ipp(server_.port(), "office", subscribe.get(), "", bob());
  ASSERT_EQ(subscribed.status(), IPP_STATUS_OK) << subscribed.string("status-message");
  const int subscription = subscribed.integer("notify-subscription-id");
  ASSERT_GT(subscription, 0);

  const std::string uuid = new_job_uuid();
  auto printed = print_to_office(server_.port(), queue_uri("office"), uuid, false, bob());
  ASSERT_EQ(printed.status(), IPP_STATUS_OK);
  wait_for(uuid, JobState::kPrinted);
  auto poll = ipp_request(IPP_OP_GET_NOTIFICATIONS, queue_uri("office"));
  ippAddInteger(poll.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-ids",
                subscription);
  auto notified = post_ipp(server_.port(), "office", poll.get(), "", bob());
  ASSERT_EQ(notified.status(), IPP_STATUS_OK) << notified.string("status-message");
  std::vector<std::string> kinds;
  for (ipp_attribute_t* attr = ippFindAttribute(notified.response.get(), "notify-subscribed-event",
                                                IPP_TAG_KEYWORD);
       attr; attr = ippFindNextAttribute(notified.response.get(), "notify-subscribed-event",
                                         IPP_TAG_KEYWORD))
    kinds.emplace_back(ippGetString(attr, 0, nullptr));
  EXPECT_EQ(kinds, (std::vector<std::string>{"job-created", "job-completed"}));

  // Another queue does not know it; its owner cancels it here, and it is gone.
  auto cancel = ipp_request(IPP_OP_CANCEL_SUBSCRIPTION, queue_uri("office"));
  ippAddInteger(cancel.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-id",
                subscription);
  auto elsewhere = ipp_request(IPP_OP_CANCEL_SUBSCRIPTION, queue_uri("hold"));
  ippAddInteger(elsewhere.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-id",
                subscription);
  EXPECT_EQ(post_ipp(server_.port(), "hold", elsewhere.get(), "", bob()).status(),
            IPP_STATUS_ERROR_NOT_FOUND);
  EXPECT_EQ(post_ipp(server_.port(), "office", cancel.get(), "", bob()).status(), IPP_STATUS_OK);
  EXPECT_EQ(post_ipp(server_.port(), "office", poll.get(), "", bob()).status(),
            IPP_STATUS_ERROR_NOT_FOUND);
}

// The ticket read from the job template reaches the job (D11) and is reported back.
TEST_F(IppQueueTest, TheJobTicketIsKeptAndReportedBack) {
  auto create = ipp_request(IPP_OP_CREATE_JOB, queue_uri("hold"));
  ippAddInteger(create.get(), IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", 2);
  ippAddString(create.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "sides", nullptr,
               "two-sided-long-edge");
  ippAddString(create.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "print-color-mode", nullptr,
               "monochrome");
  ippAddString(create.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "media", nullptr, "iso_a4_210x297mm");
  ippAddRange(create.get(), IPP_TAG_JOB, "page-ranges", 1, 1);
  ippAddInteger(create.get(), IPP_TAG_JOB, IPP_TAG_INTEGER, "number-up", 2);
  auto created = post_ipp(server_.port(), "hold", create.get(), "", bob());
  ASSERT_EQ(created.status(), IPP_STATUS_OK) << created.string("status-message");
  const int job_id = created.integer("job-id");
  auto send = ipp_request(IPP_OP_SEND_DOCUMENT, queue_uri("hold"));
  ippAddInteger(send.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddBoolean(send.get(), IPP_TAG_OPERATION, "last-document", 1);
  auto sent = post_ipp(server_.port(), "hold", send.get(), read_file(kTestPdf), bob());
  ASSERT_EQ(sent.status(), IPP_STATUS_OK) << sent.string("status-message");
  auto get = ipp_request(IPP_OP_GET_JOB_ATTRIBUTES, queue_uri("hold"));
  ippAddInteger(get.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  auto got = post_ipp(server_.port(), "hold", get.get(), "", bob());
  ASSERT_EQ(got.status(), IPP_STATUS_OK);
  EXPECT_EQ(got.integer("copies"), 2);
  EXPECT_EQ(got.string("sides"), "two-sided-long-edge");
  EXPECT_EQ(got.string("print-color-mode"), "monochrome");
  EXPECT_EQ(got.string("media"), "iso_a4_210x297mm");
  EXPECT_EQ(got.integer("number-up"), 2);
  EXPECT_EQ(got.count("page-ranges"), 1);
}

// A value outside -supported: refused with ipp-attribute-fidelity, else the printer's default
// is used and the answer says so; either way the attribute is named in the unsupported group.
TEST_F(IppQueueTest, UnsupportedValuesAreRefusedOrSubstitutedAsFidelityAsks) {
  for (const bool fidelity : {true, false}) {
    auto validate = ipp_request(IPP_OP_VALIDATE_JOB, queue_uri("hold"));
    ippAddBoolean(validate.get(), IPP_TAG_OPERATION, "ipp-attribute-fidelity", fidelity ? 1 : 0);
    ippAddInteger(validate.get(), IPP_TAG_JOB, IPP_TAG_ENUM, "finishings", IPP_FINISHINGS_STAPLE);
    ippAddString(validate.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "media", nullptr, "napkin");
    auto reply = post_ipp(server_.port(), "hold", validate.get(), "", bob());
    EXPECT_EQ(reply.status(), fidelity ? IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES
                                       : IPP_STATUS_OK_IGNORED_OR_SUBSTITUTED)
        << reply.string("status-message");
    ASSERT_TRUE(reply.response);
    ipp_attribute_t* finishings =
        ippFindAttribute(reply.response.get(), "finishings", IPP_TAG_ENUM);
    ASSERT_NE(finishings, nullptr);
    EXPECT_EQ(ippGetGroupTag(finishings), IPP_TAG_UNSUPPORTED_GROUP);
    EXPECT_NE(reply.string("status-message").find("media, finishings"), std::string::npos)
        << reply.string("status-message");
  }
}

}  // namespace
}  // namespace printline::testing
