// The control protocol's request parser and the JSON of the contract's types.

#include "client/control_protocol.h"

#include <gtest/gtest.h>

#include "client/control_dispatch.h"
#include "recording_client_service.h"

namespace printline::testing {
namespace {

using client::ControlCommand;
using client::parse_request_line;
using nlohmann::json;

model::JobTicket must_ticket(const model::OptionList& options) {
  auto ticket = model::apply_options({}, options);
  EXPECT_TRUE(ticket.ok()) << ticket.error().message;
  return ticket.ok() ? *ticket : model::JobTicket{};
}

TEST(ControlProtocolTest, ARequestNestedTooDeepIsRefusedNotWalked) {
  // D12: {"command":"submit","title":[[[[…]]]]} is refused as not a protocol line.
  const std::string deep = R"({"command":"status","x":)" + std::string(20'000, '[') +
                           std::string(20'000, ']') + "}";
  auto parsed = parse_request_line(deep);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("JSON object"), std::string::npos)
      << parsed.error().message;
}

TEST(ControlProtocolTest, ParsesEveryCommand) {
  EXPECT_EQ(parse_request_line(R"({"command":"status"})")->command, ControlCommand::kStatus);
  EXPECT_EQ(parse_request_line(R"({"command":"jobs"})")->command, ControlCommand::kJobs);
  EXPECT_EQ(parse_request_line(R"({"command":"subscribe"})")->command, ControlCommand::kSubscribe);
  EXPECT_FALSE(parse_request_line(R"({"command":"subscribe"})")->desktop_app);
  EXPECT_TRUE(parse_request_line(R"({"command":"subscribe","as":"desktop-app"})")->desktop_app);
  auto submit = parse_request_line(
      R"({"command":"submit","title":"Report","document_format":"application/pdf","copies":3,"submitted_by":"cli"})");
  ASSERT_TRUE(submit.ok()) << submit.error().message;
  EXPECT_EQ(submit->submit.title, "Report");
  EXPECT_EQ(submit->submit.document_format, "application/pdf");
  EXPECT_EQ(submit->submit.copies, 3);
  EXPECT_EQ(submit->submit.submitted_by, "cli");
  auto choose = parse_request_line(R"({"command":"choose","job":"abc","printer":"hall"})");
  ASSERT_TRUE(choose.ok());
  EXPECT_EQ(choose->job, "abc");
  EXPECT_EQ(choose->printer, "hall");
  auto printers =
      parse_request_line(R"({"command":"printers","search":"floor","color":true,"large_format":true})");
  ASSERT_TRUE(printers.ok());
  EXPECT_EQ(printers->filter.search, "floor");
  EXPECT_TRUE(printers->filter.color);
  EXPECT_FALSE(printers->filter.mono);
  EXPECT_TRUE(printers->filter.large_format);
  auto test = parse_request_line(R"({"command":"fallback-test","send_test_page":true})");
  ASSERT_TRUE(test.ok());
  EXPECT_TRUE(test->send_test_page);
  auto login = parse_request_line(R"({"command":"login","login":"alice","password":"pw"})");
  ASSERT_TRUE(login.ok());
  EXPECT_EQ(login->login, "alice");
}

TEST(ControlProtocolTest, RequestLineRoundTrips) {
  client::ControlRequest request;
  request.command = ControlCommand::kSubmit;
  request.submit.title = "Ünïcode title";
  request.submit.copies = 2;
  auto parsed = parse_request_line(client::request_line(request));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->submit.title, "Ünïcode title");
  EXPECT_EQ(parsed->submit.copies, 2);
  // The ticket travels (D11), its copies are the request's copies.
  request.submit.ticket = must_ticket({{"sides", "two-sided-long-edge"},
                                       {"print-color-mode", "monochrome"},
                                       {"page-ranges", "1-2"},
                                       {"number-up", "2"},
                                       {"copies", "2"}});
  auto with_ticket = parse_request_line(client::request_line(request));
  ASSERT_TRUE(with_ticket.ok()) << with_ticket.error().message;
  EXPECT_EQ(with_ticket->submit.ticket, request.submit.ticket);
  EXPECT_EQ(with_ticket->submit.copies, 2);
  // An older sender's bare copies is the ticket's copies.
  auto bare = parse_request_line(R"({"command":"submit","copies":3})");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->submit.ticket.copies, 3);
  client::ControlRequest subscribe;
  subscribe.command = ControlCommand::kSubscribe;
  subscribe.desktop_app = true;
  EXPECT_TRUE(parse_request_line(client::request_line(subscribe))->desktop_app);
}

TEST(ControlProtocolTest, BadRequestsGetASentence) {
  for (const char* line : {"", "not json", "[1,2]", R"({"cmd":"status"})",
                           R"({"command":"explode"})", R"({"command":"cancel"})",
                           R"({"command":"cancel","job":""})", R"({"command":"cancel","job":5})",
                           R"({"command":"choose","job":"a"})",
                           R"({"command":"submit","copies":"many"})",
                           R"({"command":"submit","copies":0})",
                           R"({"command":"submit","ticket":{"number-up":3}})",
                           R"({"command":"submit","ticket":{"sides":"both"}})",
                           R"({"command":"submit","ticket":"duplex"})",
                           R"({"command":"printers","color":"yes"})",
                           R"({"command":"subscribe","as":"browser"})",
                           R"({"command":"subscribe","as":true})"}) {
    auto parsed = parse_request_line(line);
    ASSERT_FALSE(parsed.ok()) << line;
    EXPECT_GT(parsed.error().message.size(), 20u) << line;
    EXPECT_EQ(parsed.error().message.back(), '.') << line;
  }
  EXPECT_FALSE(parse_request_line(std::string(client::kMaxRequestLine + 1, ' ')).ok());
}

TEST(ControlProtocolTest, JobViewRoundTrips) {
  client::JobView job;
  job.uuid = "1b4e28ba-2fa1-4d2b-a3f6-0123456789ab";
  job.title = "t";
  job.state = client::JobState::kWaitingForChoice;
  job.counts = model::PageCounts{3, 1, model::PaperSize::kA3, true, 2};
  job.estimated_cost_cents = 120;
  job.received_at = model::now_seconds();
  job.printed_at = job.received_at;
  json j = job;
  EXPECT_EQ(j["state"], "waiting-for-choice");
  EXPECT_EQ(j["counts"]["paper"], "A3");
  auto back = j.get<client::JobView>();
  EXPECT_EQ(back.uuid, job.uuid);
  EXPECT_EQ(back.state, job.state);
  EXPECT_EQ(back.counts, job.counts);
  EXPECT_EQ(back.received_at, job.received_at);
  EXPECT_EQ(back.printed_at, job.printed_at);
  job.ticket.color_mode = model::ColorMode::kMonochrome;
  j = job;
  EXPECT_EQ(j["ticket_text"], "monochrome");
  EXPECT_EQ(j.get<client::JobView>().ticket, job.ticket);
}

TEST(ControlProtocolTest, EventLineCarriesPromptCandidates) {
  client::ClientEvent event;
  event.kind = client::ClientEvent::Kind::kPrompt;
  event.title = "Choose a printer";
  client::CandidateView candidate;
  candidate.name = "floor2-color";
  candidate.color = true;
  event.candidates = {candidate};
  client::JobView job;
  job.uuid = "u";
  event.job = job;
  json line = json::parse(client::event_line(event));
  EXPECT_EQ(line["event"]["kind"], "prompt");
  auto back = line["event"].get<client::ClientEvent>();
  EXPECT_EQ(back.kind, client::ClientEvent::Kind::kPrompt);
  ASSERT_EQ(back.candidates.size(), 1u);
  EXPECT_EQ(back.candidates[0].name, "floor2-color");
  EXPECT_TRUE(back.candidates[0].color);
  ASSERT_TRUE(back.job);
  EXPECT_EQ(back.job->uuid, "u");
}

TEST(ControlProtocolTest, AnswersNameTheJobByUniquePrefix) {
  RecordingClientService service;
  auto document = transport::document_from_string("%PDF-1.4");
  auto job = service.submit({}, *document);
  ASSERT_TRUE(job.ok());
  auto request = parse_request_line(R"({"command":"cancel","job":"00000000"})");
  ASSERT_TRUE(request.ok());
  json answer = json::parse(client::answer_request(service, *request, {}));
  EXPECT_TRUE(answer["ok"]) << answer.dump();
  EXPECT_EQ(answer["job"]["state"], "cancelled");
  auto missing = parse_request_line(R"({"command":"retry","job":"ffff"})");
  answer = json::parse(client::answer_request(service, *missing, {}));
  EXPECT_FALSE(answer["ok"]);
  EXPECT_NE(answer["error"].get<std::string>().find("printline jobs"), std::string::npos);
}

TEST(ControlProtocolTest, SubmitWithoutDescriptorIsRefused) {
  RecordingClientService service;
  auto request = parse_request_line(R"({"command":"submit"})");
  json answer = json::parse(client::answer_request(service, *request, {}));
  EXPECT_FALSE(answer["ok"]);
  EXPECT_NE(answer["error"].get<std::string>().find("SCM_RIGHTS"), std::string::npos);
  EXPECT_TRUE(service.submissions().empty());
}

}  // namespace
}  // namespace printline::testing
