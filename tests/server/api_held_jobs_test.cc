// Release and cancel through the API, on real held jobs: a PostScript page printed over IPP
// (the server's own queue endpoint) to a hold queue, then released to a RAW sink (socat).
// D10's two-phase submission on the same real server: a desktop client's job waits for its
// commit, expires unprinted without one, gives way to the client's fallback report, and a job
// printed by both is charged once and flagged printed twice.

#include <cups/ipp.h>

#include <chrono>
#include <clocale>
#include <cstdlib>
#include <thread>

#include "core/i18n.h"
#include "model/two_phase_submission.h"
#include "server/api_test_fixture.h"
#include "support/file_text.h"
#include "support/raw_sink_peer.h"

namespace printline::testing {
namespace {

constexpr const char* kPage =
    "%!PS-Adobe-3.0\n%%Pages: 1\n%%EndComments\n%%Page: 1 1\n"
    "/Helvetica findfont 20 scalefont setfont 72 720 moveto (held job) show showpage\n%%EOF\n";

ssize_t append(void* context, ipp_uchar_t* data, size_t size) {
  static_cast<std::string*>(context)->append(reinterpret_cast<char*>(data), size);
  return static_cast<ssize_t>(size);
}

// An IPP Print-Job with the desktop client's UUID, as bytes for POST /ipp/print/<queue>;
// commit_by_uuid: submitted as the desktop client does (D10), awaiting its commit.
std::string print_job_request(const std::string& printer_uri, const std::string& uuid,
                              bool commit_by_uuid = false) {
  ipp_t* request = ippNewRequest(IPP_OP_PRINT_JOB);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               printer_uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, "alice");
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, "held job");
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               "application/postscript");
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uuid", nullptr,
               ("urn:uuid:" + uuid).c_str());
  if (commit_by_uuid) ippAddBoolean(request, IPP_TAG_OPERATION, model::kCommitByUuidAttribute, 1);
  std::string bytes;
  ippWriteIO(&bytes, append, 1, nullptr, request);
  ippDelete(request);
  return bytes + kPage;
}

class HeldJobTest : public ApiTest {
 protected:
  // Submits a page to the hold queue as alice; returns its UUID.
  std::string hold_a_job(const std::string& queue = "secure", bool commit_by_uuid = false) {
    const auto uuid = new_job_uuid();
    httplib::Client ipp("127.0.0.1", server_->port());
    ipp.set_basic_auth("alice", kUserPassword);
    const std::string path = "/ipp/print/" + queue;
    auto answer = ipp.Post(path, print_job_request(server_->base_url() + path, uuid,
                                                   commit_by_uuid),
                           "application/ipp");
    EXPECT_TRUE(answer && answer->status == 200);
    return uuid;
  }

  // A direct queue "desk" printing on a RAW sink; the sink's printer id.
  std::int64_t direct_queue_to(const RawSinkPeer& sink) {
    const auto printer = create_printer({{"name", "desk-raw"}, {"device_uri", sink.uri()}});
    EXPECT_EQ(admin_->post("/api/v1/queues", {{"name", "desk"}, {"kind", "direct"},
                                              {"printer_id", printer}})
                  .status,
              201);
    return printer;
  }

  // alice releases the held job to `printer`, which prints it on `sink`.
  void release_until_printed(const std::string& uuid, std::int64_t printer,
                             const RawSinkPeer& sink) {
    auto released = alice_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", printer}});
    ASSERT_EQ(released.status, 200) << released.body;
    EXPECT_EQ(wait_for_state(uuid, "printed")["state"], "printed");
    EXPECT_NE(sink.received().find("held job"), std::string::npos);
  }

  std::int64_t charges_of(const std::string& uuid) {
    std::int64_t charges = 0;
    const auto ledger = admin_->get("/api/v1/users/alice/ledger");
    EXPECT_EQ(ledger.status, 200) << ledger.body;
    for (const auto& entry : ledger.json["entries"]) {
      if (entry["kind"] == "charge" && entry["job_uuid"] == uuid) ++charges;
    }
    return charges;
  }

  nlohmann::json wait_for_state(const std::string& uuid, const std::string& state) {
    nlohmann::json job;
    for (int i = 0; i < 100; ++i) {
      job = alice_->get("/api/v1/jobs/" + uuid).json;
      if (job.is_object() && job.value("state", "") == state) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return job;
  }
};

TEST_F(HeldJobTest, OwnerReleasesAHeldJobOnceThereIsCreditAndCancelsAnother) {
  RawSinkPeer sink;
  const auto sink_printer = create_printer({{"name", "sink"}, {"device_uri", sink.uri()}});
  ASSERT_EQ(admin_->post("/api/v1/queues", {{"name", "secure"}, {"kind", "hold"}}).status, 201);

  const auto uuid = hold_a_job();
  EXPECT_EQ(wait_for_state(uuid, "held")["state"], "held");
  EXPECT_EQ(bob_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", "sink"}}).status, 404);

  // No credit yet: the job service refuses and says why.
  auto refused = alice_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", "sink"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_FALSE(refused.json["error"]["message"].get<std::string>().empty());
  EXPECT_EQ(alice_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", "nowhere"}}).status,
            404);

  ASSERT_EQ(admin_->post("/api/v1/users/alice/top-up", {{"amount_cents", 500}}).status, 200);
  auto released = alice_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", sink_printer}});
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(wait_for_state(uuid, "printed")["state"], "printed");
  EXPECT_NE(sink.received().find("held job"), std::string::npos);

  const auto other = hold_a_job();
  EXPECT_EQ(wait_for_state(other, "held")["state"], "held");
  EXPECT_EQ(bob_->post("/api/v1/jobs/" + other + "/cancel").status, 404);
  auto cancelled = alice_->post("/api/v1/jobs/" + other + "/cancel");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json["state"], "cancelled");
}

// Roaming: a hold queue on a printer group lets its jobs out at any printer of the group,
// priced there, and nowhere else; the refusal names the printers that would do.
TEST_F(HeldJobTest, AJobHeldOnAGroupIsReleasedOnlyAtThePrintersOfTheGroup) {
  RawSinkPeer inside, outside;
  const auto floor_printer = create_printer({{"name", "floor2-a"}, {"device_uri", inside.uri()}});
  create_printer({{"name", "lobby"}, {"device_uri", outside.uri()}});
  auto group = admin_->post("/api/v1/groups", {{"name", "floor2"}, {"printer_ids", {floor_printer}}});
  ASSERT_EQ(group.status, 201) << group.body;
  ASSERT_EQ(admin_->post("/api/v1/queues", {{"name", "secure"}, {"kind", "hold"},
                                            {"group_id", group.json["id"]}})
                .status,
            201);
  ASSERT_EQ(admin_->post("/api/v1/users/alice/top-up", {{"amount_cents", 500}}).status, 200);
  const auto uuid = hold_a_job();
  EXPECT_EQ(wait_for_state(uuid, "held")["state"], "held");

  auto refused = alice_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", "lobby"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  const std::string message = refused.json["error"].value("message", "");
  EXPECT_NE(message.find("floor2-a"), std::string::npos) << message;
  EXPECT_EQ(wait_for_state(uuid, "held")["state"], "held");

  auto released = alice_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", "floor2-a"}});
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(wait_for_state(uuid, "printed")["state"], "printed");
  EXPECT_NE(inside.received().find("held job"), std::string::npos);
  EXPECT_EQ(outside.received(), "");
  EXPECT_EQ(charges_of(uuid), 1);
}

// A job over the user's quota, end to end: sent over IPP to a direct queue, held with the
// quota's reason, nothing printed or counted; once the administrator raises the quota, the
// release prints it once and the quota counts its page once.
TEST_F(HeldJobTest, JobOverTheQuotaIsHeldWithTheReasonThenPrintedOnceWhenTheQuotaAllows) {
  RawSinkPeer sink;
  const auto printer = direct_queue_to(sink);
  auto limited = admin_->patch("/api/v1/users/alice",
                               {{"pays_with_credit", false},
                                {"quota", {{"period", "month"}, {"page_limit", 0}}}});
  ASSERT_EQ(limited.status, 200) << limited.body;

  const auto uuid = hold_a_job("desk");
  const auto held = wait_for_state(uuid, "held");
  ASSERT_EQ(held["state"], "held") << held;
  EXPECT_NE(held.value("outcome", "").find("quota exceeded"), std::string::npos) << held;
  EXPECT_EQ(sink.received(), "");
  EXPECT_EQ(admin_->get("/api/v1/users/alice").json["quota"]["used_pages"], 0);

  // Still over the quota: the release is refused with the reason, nothing prints.
  auto refused = alice_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", printer}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("quota"), std::string::npos) << refused.body;

  auto raised = admin_->patch("/api/v1/users/alice",
                              {{"quota", {{"period", "month"}, {"page_limit", 10}}}});
  ASSERT_EQ(raised.status, 200) << raised.body;
  ASSERT_NO_FATAL_FAILURE(release_until_printed(uuid, printer, sink));
  EXPECT_EQ(admin_->get("/api/v1/users/alice").json["quota"]["used_pages"], 1);
  // A second release of the printed job does nothing: printed once, counted once.
  EXPECT_NE(alice_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", printer}}).status, 200);
  EXPECT_EQ(admin_->get("/api/v1/users/alice").json["quota"]["used_pages"], 1);
}

// The same with the quota of alice's group (she has none of her own): the server holds, the
// user reads which group's quota it is, and raising the group's lets the job print, counted
// once in alice's own usage.
TEST_F(HeldJobTest, JobOverTheGroupsQuotaIsHeldThenPrintedOnceWhenTheGroupsQuotaAllows) {
  RawSinkPeer sink;
  const auto printer = direct_queue_to(sink);
  ASSERT_EQ(admin_->patch("/api/v1/users/alice", {{"pays_with_credit", false}}).status, 200);
  const auto alice_id = admin_->get("/api/v1/users/alice").json["id"];
  // Bounded and limits only (D12): refused before anything is stored.
  EXPECT_EQ(admin_->post("/api/v1/user-groups",
                         {{"name", "bad"}, {"quota", {{"period", "day"}, {"page_limit", -1}}}})
                .status,
            422);
  EXPECT_EQ(admin_->post("/api/v1/user-groups",
                         {{"name", "bad"},
                          {"quota", {{"period", "day"}, {"cost_limit_cents", 1e15}}}})
                .status,
            422);
  EXPECT_EQ(admin_->post("/api/v1/user-groups",
                         {{"name", "bad"}, {"quota", {{"period", "day"}, {"used_pages", 0}}}})
                .status,
            400);
  auto group = admin_->post("/api/v1/user-groups",
                            {{"name", "interns"},
                             {"member_ids", {alice_id}},
                             {"quota", {{"period", "month"}, {"page_limit", 0}}}});
  ASSERT_EQ(group.status, 201) << group.body;
  EXPECT_EQ(group.json["quota"]["page_limit"], 0);

  const auto uuid = hold_a_job("desk");
  const auto held = wait_for_state(uuid, "held");
  ASSERT_EQ(held["state"], "held") << held;
  EXPECT_NE(held.value("outcome", "").find("quota exceeded"), std::string::npos) << held;
  EXPECT_EQ(sink.received(), "");
  auto me = alice_->get("/api/v1/me");
  EXPECT_EQ(me.json["quota_group"], "interns") << me.body;
  EXPECT_EQ(me.json["quota"]["page_limit"], 0) << me.body;
  EXPECT_TRUE(me.json["user"]["quota"].is_null()) << me.body;

  auto raised = admin_->patch("/api/v1/user-groups/interns",
                              {{"quota", {{"period", "month"}, {"page_limit", 10}}}});
  ASSERT_EQ(raised.status, 200) << raised.body;
  ASSERT_NO_FATAL_FAILURE(release_until_printed(uuid, printer, sink));
  const auto after = admin_->get("/api/v1/users/alice").json;
  EXPECT_TRUE(after["quota"].is_null()) << after;
  EXPECT_EQ(after["group_quota"]["used_pages"], 1) << after;
  EXPECT_EQ(after["quota_group"], "interns") << after;
  EXPECT_EQ(alice_->get("/api/v1/me").json["quota"]["used_pages"], 1);
}

// D14: what the server writes to a user is in their language — their account's, else their
// browser's (Accept-Language) — and its amounts in the server's currency; others still read
// English in the same process at the same time.
TEST_F(HeldJobTest, TheServerAnswersEachUserInTheirLanguage) {
  ::setenv("PRINTLINE_LOCALEDIR", PRINTLINE_TEST_LOCALEDIR, 1);  // this build's catalogs
  i18n::init_translations();
  std::setlocale(LC_MESSAGES, "C");  // the process's own language: English, whatever LANG says
  RawSinkPeer sink;
  create_printer({{"name", "sink"}, {"device_uri", sink.uri()}});
  ASSERT_EQ(admin_->post("/api/v1/queues", {{"name", "secure"}, {"kind", "hold"}}).status, 201);
  ASSERT_EQ(admin_->patch("/api/v1/users/alice", {{"language", "fr"}}).status, 200);

  // Held over IPP by alice: the job's reason is written for her, in French.
  const auto uuid = hold_a_job();
  const auto held = wait_for_state(uuid, "held");
  EXPECT_EQ(held.value("outcome", ""),
            "En attente de libération : libérez-le sur une imprimante.")
      << held;
  // The note is kept as its message, not in alice's French: the administrator, whose requests
  // name no language, reads it in English; a French browser in French.
  const auto job_path = "/api/v1/jobs/" + uuid;
  EXPECT_EQ(admin_->get(job_path).json.value("outcome", ""),
            "Held until you release it to a printer.");
  EXPECT_EQ(admin_->call("GET", job_path, std::nullopt, {{"Accept-Language", "fr"}})
                .json.value("outcome", ""),
            "En attente de libération : libérez-le sur une imprimante.");
  // Released without credit: refused in French, the amount in euros as French writes them.
  auto refused = alice_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", "sink"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  const auto message = refused.json["error"].value("message", "");
  EXPECT_NE(message.find("Crédit insuffisant : le travail coûte "), std::string::npos) << message;
  EXPECT_NE(message.find("\u00a0€"), std::string::npos) << message;
  EXPECT_NE(message.find("rechargez votre crédit"), std::string::npos) << message;
  auto cancelled = alice_->post("/api/v1/jobs/" + uuid + "/cancel");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json.value("outcome", ""), "Annulé par alice.") << cancelled.body;
  // Over IPP too: the status-message of her Print-Job that carries no document.
  httplib::Client ipp("127.0.0.1", server_->port());
  ipp.set_basic_auth("alice", kUserPassword);
  std::string no_document =
      print_job_request(server_->base_url() + "/ipp/print/secure", new_job_uuid());
  no_document.resize(no_document.size() - std::string_view(kPage).size());
  auto answer = ipp.Post("/ipp/print/secure", no_document, "application/ipp");
  ASSERT_TRUE(answer);
  EXPECT_NE(answer->body.find("La requête ne contient aucun document."), std::string::npos);

  // bob has no language of his own: his browser's decides, per request.
  auto in_french = bob_->get("/api/v1/users", {{"Accept-Language", "fr-CH, fr;q=0.9, en;q=0.8"}});
  EXPECT_EQ(in_french.status, 403);
  EXPECT_NE(in_french.body.find("est réservé aux administrateurs"), std::string::npos)
      << in_french.body;
  auto in_english = bob_->get("/api/v1/users", {{"Accept-Language", "de-DE, en;q=0.5"}});
  EXPECT_NE(in_english.body.find("is for administrators"), std::string::npos) << in_english.body;
  // Before anyone is known, the browser's language too.
  auto stranger = client();
  auto wrong = stranger->call("POST", "/api/v1/login", nlohmann::json{{"login", "alice"},
                                                                      {"password", "nope-nope"}},
                              {{"Accept-Language", "fr"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("Identifiant ou mot de passe incorrect"), std::string::npos)
      << wrong.body;
}

// An administrator's refusals (the handler's, the D8 profile check's, the store's and the route
// table's) in the browser's language, and in English without one.
TEST_F(HeldJobTest, AnAdministratorsRefusalsComeInTheirLanguage) {
  ::setenv("PRINTLINE_LOCALEDIR", PRINTLINE_TEST_LOCALEDIR, 1);  // this build's catalogs
  i18n::init_translations();
  std::setlocale(LC_MESSAGES, "C");  // the process's own language: English, whatever LANG says
  const nlohmann::json nameless_printer = {{"name", ""}, {"device_uri", "socket://10.0.0.9:9100"}};
  const nlohmann::json nameless_profile = {{"name", ""}, {"server_addresses", {"printline:8631"}}};
  const nlohmann::json taken_printer = {{"name", "floor1-mono"},
                                        {"device_uri", "socket://10.0.0.9:9100"}};
  const auto message = [](const ApiReply& reply) {
    return reply.json["error"].value("message", "");
  };
  const httplib::Headers french = {{"Accept-Language", "fr-FR, fr;q=0.9"}};

  auto printer = admin_->call("POST", "/api/v1/printers", nameless_printer, french);
  EXPECT_EQ(printer.status, 422) << printer.body;
  EXPECT_EQ(message(printer), "L'imprimante a besoin d'un nom.") << printer.body;
  auto profile = admin_->call("POST", "/api/v1/profiles", nameless_profile, french);
  EXPECT_EQ(profile.status, 422) << profile.body;
  EXPECT_EQ(message(profile),
            "Le profil ne peut pas être enregistré : le profil a besoin d'un nom.")
      << profile.body;
  auto taken = admin_->call("POST", "/api/v1/printers", taken_printer, french);
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(message(taken), "une imprimante nommée « floor1-mono » existe déjà") << taken.body;
  auto nowhere = admin_->call("GET", "/api/v1/nowhere", std::nullopt, french);
  EXPECT_EQ(nowhere.status, 404) << nowhere.body;
  EXPECT_EQ(message(nowhere),
            "Il n'y a pas de route GET /api/v1/nowhere. docs/api.md liste les routes de /api/v1.")
      << nowhere.body;

  EXPECT_EQ(message(admin_->post("/api/v1/printers", nameless_printer)),
            "The printer needs a name.");
  EXPECT_EQ(message(admin_->post("/api/v1/profiles", nameless_profile)),
            "The profile cannot be saved: the profile needs a name.");
  EXPECT_EQ(message(admin_->post("/api/v1/printers", taken_printer)),
            "a printer named \"floor1-mono\" already exists");
  EXPECT_EQ(message(admin_->get("/api/v1/nowhere")),
            "There is no route GET /api/v1/nowhere. docs/api.md lists the routes of /api/v1.");
}

TEST_F(HeldJobTest, D10_FallbackReportForAJobTheServerHolds_CancelsTheServersCopy_ChargedOnce) {
  // The client fell back although the server held the job: the server's copy must never
  // print too, and the fallback print is charged once.
  ASSERT_EQ(admin_->post("/api/v1/queues", {{"name", "secure"}, {"kind", "hold"}}).status, 201);
  const auto uuid = hold_a_job();
  ASSERT_EQ(wait_for_state(uuid, "held")["state"], "held");
  ASSERT_EQ(admin_->post("/api/v1/users/alice/top-up", {{"amount_cents", 500}}).status, 200);
  const auto balance = balance_of(*alice_);
  auto reply = upload(*alice_, {offline_job(uuid, color_printer_)});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json["results"][0]["status"], "accepted");
  EXPECT_EQ(reply.json["results"][0]["job"]["origin"], "fallback");
  EXPECT_EQ(reply.json["results"][0]["job"]["state"], "printed");
  const auto cost = reply.json["results"][0]["job"].value("cost_cents", std::int64_t{0});
  EXPECT_GT(cost, 0);
  EXPECT_EQ(balance_of(*alice_), balance - cost);
  EXPECT_EQ(charges_of(uuid), 1);
  // The server's copy is gone: it cannot be released, and the report again changes nothing.
  EXPECT_EQ(alice_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", "floor2-color"}}).status,
            409);
  EXPECT_EQ(upload(*alice_, {offline_job(uuid, color_printer_)}).json["results"][0]["status"],
            "duplicate");
  EXPECT_EQ(balance_of(*alice_), balance - cost);
  EXPECT_EQ(charges_of(uuid), 1);
}

TEST_F(HeldJobTest, D10_AClientsJobWaitsForItsCommit_ThenPrintsOnceChargedOnce) {
  RawSinkPeer sink;
  direct_queue_to(sink);
  ASSERT_EQ(admin_->post("/api/v1/users/alice/top-up", {{"amount_cents", 500}}).status, 200);
  const auto uuid = hold_a_job("desk", true);
  auto waiting = alice_->get("/api/v1/jobs/" + uuid).json;
  ASSERT_EQ(waiting["state"], "held") << waiting;
  EXPECT_EQ(waiting["awaiting_commit"], true) << waiting;
  EXPECT_EQ(charges_of(uuid), 0);
  // Not releasable by hand while its client may still print it elsewhere.
  EXPECT_EQ(alice_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", "desk-raw"}}).status,
            409);
  EXPECT_EQ(bob_->post("/api/v1/jobs/" + uuid + "/commit").status, 404);
  auto committed = alice_->post("/api/v1/jobs/" + uuid + "/commit");
  ASSERT_EQ(committed.status, 200) << committed.body;
  EXPECT_EQ(committed.json["awaiting_commit"], false);
  EXPECT_EQ(wait_for_state(uuid, "printed")["state"], "printed");
  EXPECT_EQ(alice_->post("/api/v1/jobs/" + uuid + "/commit").json["state"], "printed");
  EXPECT_EQ(occurrences(sink.received(), "held job"), 1);
  EXPECT_EQ(charges_of(uuid), 1);
}

// A desktop client's job enters its queue when its client commits it: a queue paused meanwhile
// holds it then, as the pause's (Resume-Printer releases it), never while it awaits its commit.
TEST_F(HeldJobTest, D10_AJobCommittedIntoAPausedQueueWaitsForItsResume) {
  RawSinkPeer sink;
  direct_queue_to(sink);
  ASSERT_EQ(admin_->post("/api/v1/users/alice/top-up", {{"amount_cents", 500}}).status, 200);
  const auto uuid = hold_a_job("desk", true);
  const auto printer_operation = [&](ipp_op_t operation) {
    ipp_t* request = ippNewRequest(operation);
    const std::string uri = server_->base_url() + "/ipp/print/desk";
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    std::string bytes;
    ippWriteIO(&bytes, append, 1, nullptr, request);
    ippDelete(request);
    httplib::Client ipp("127.0.0.1", server_->port());
    ipp.set_basic_auth(RunningServer::kAdminLogin, RunningServer::kAdminPassword);
    auto answer = ipp.Post("/ipp/print/desk", bytes, "application/ipp");
    ASSERT_TRUE(answer && answer->status == 200);
    // The status-code follows the version number (RFC 8010 §3.1.1).
    ASSERT_GE(answer->body.size(), 4u);
    EXPECT_EQ(answer->body[2] * 256 + answer->body[3], IPP_STATUS_OK);
  };
  printer_operation(IPP_OP_PAUSE_PRINTER);
  printer_operation(IPP_OP_RESUME_PRINTER);  // the job awaiting its commit is not released
  EXPECT_EQ(alice_->get("/api/v1/jobs/" + uuid).json["awaiting_commit"], true);
  printer_operation(IPP_OP_PAUSE_PRINTER);

  auto committed = alice_->post("/api/v1/jobs/" + uuid + "/commit");
  ASSERT_EQ(committed.status, 200) << committed.body;
  EXPECT_EQ(committed.json["state"], "held") << committed.body;
  EXPECT_EQ(committed.json["awaiting_commit"], false);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(sink.received(), "");
  EXPECT_EQ(charges_of(uuid), 0);

  printer_operation(IPP_OP_RESUME_PRINTER);
  EXPECT_EQ(wait_for_state(uuid, "printed")["state"], "printed");
  EXPECT_EQ(occurrences(sink.received(), "held job"), 1);
  EXPECT_EQ(charges_of(uuid), 1);
}

TEST_F(HeldJobTest, D10_AJobTheServerPrintedAndAFallbackPrinterToo_ChargedOnceFlaggedPrintedTwice) {
  RawSinkPeer sink;
  const auto desk = direct_queue_to(sink);
  ASSERT_EQ(admin_->post("/api/v1/users/alice/top-up", {{"amount_cents", 500}}).status, 200);
  const auto uuid = hold_a_job("desk");
  ASSERT_EQ(wait_for_state(uuid, "printed")["state"], "printed");
  const auto balance = balance_of(*alice_);
  auto reply = upload(*alice_, {offline_job(uuid, color_printer_)});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json["results"][0]["status"], "duplicate");
  const auto job = admin_->get("/api/v1/jobs/" + uuid).json;
  EXPECT_EQ(job["printed_twice"], true) << job;
  EXPECT_EQ(job["printer_id"], desk) << job;
  EXPECT_EQ(job["also_printed_on"], color_printer_) << job;
  EXPECT_EQ(balance_of(*alice_), balance);
  EXPECT_EQ(charges_of(uuid), 1);
  auto flagged = admin_->get("/api/v1/jobs?printed_twice=true").json;
  ASSERT_EQ(flagged["jobs"].size(), 1u) << flagged;
  EXPECT_EQ(flagged["jobs"][0]["uuid"], uuid);
}

TEST_F(HeldJobTest, D10_AFallbackReportCancelsTheServersUncommittedCopy) {
  RawSinkPeer sink;
  direct_queue_to(sink);
  ASSERT_EQ(admin_->post("/api/v1/users/alice/top-up", {{"amount_cents", 500}}).status, 200);
  const auto uuid = hold_a_job("desk", true);
  auto reply = upload(*alice_, {offline_job(uuid, color_printer_)});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json["results"][0]["status"], "accepted");
  // A commit arriving late (the client's, delayed) finds the fallback print and changes nothing.
  auto late = alice_->post("/api/v1/jobs/" + uuid + "/commit");
  ASSERT_EQ(late.status, 200) << late.body;
  EXPECT_EQ(late.json["origin"], "fallback");
  EXPECT_EQ(late.json["state"], "printed");
  EXPECT_EQ(charges_of(uuid), 1);
  EXPECT_EQ(sink.received(), "");  // the job is printed (elsewhere): this copy can never print
}

class ExpiringHeldJobTest : public HeldJobTest {
 protected:
  void adjust_config(server::ServerConfig& config) override {
    config.uncommitted_job_expiry_seconds = 1;
  }
};

TEST_F(ExpiringHeldJobTest, D10_AJobNeverCommittedExpiresUnprinted) {
  RawSinkPeer sink;
  direct_queue_to(sink);
  const auto uuid = hold_a_job("desk", true);
  auto expired = wait_for_state(uuid, "cancelled");
  ASSERT_EQ(expired["state"], "cancelled") << expired;
  EXPECT_EQ(expired["awaiting_commit"], false);
  EXPECT_NE(expired.value("outcome", "").find("never confirmed"), std::string::npos) << expired;
  // Too late: a commit now finds it cancelled, and it never prints.
  EXPECT_EQ(alice_->post("/api/v1/jobs/" + uuid + "/commit").json["state"], "cancelled");
  EXPECT_EQ(charges_of(uuid), 0);
  EXPECT_EQ(sink.received(), "");
}

}  // namespace
}  // namespace printline::testing
