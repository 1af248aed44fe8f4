// The IPP core's event subscriptions (RFC 3995, ippget RFC 3996) without HTTP: what is
// refused per subscription group, the events each subscription gets and from which sequence
// number, jobs followed until they end, leases and the per-requester limit.
#include "ipp/ipp_subscriptions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace printline::ipp {
namespace {

IppPtr request(ipp_op_t operation) {
  IppPtr made(ippNewRequest(operation));
  ippAddString(made.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               "ipp://127.0.0.1/ipp/print/office");
  return made;
}

// Groups after the first are separated, as RFC 8010 encodes two groups of one tag.
void add_group(ipp_t* to, const char* method, std::vector<const char*> events) {
  if (ippFindAttribute(to, "notify-pull-method", IPP_TAG_ZERO)) ippAddSeparator(to);
  ippAddString(to, IPP_TAG_SUBSCRIPTION, IPP_TAG_KEYWORD, "notify-pull-method", nullptr, method);
  ippAddStrings(to, IPP_TAG_SUBSCRIPTION, IPP_TAG_KEYWORD, "notify-events",
                static_cast<int>(events.size()), nullptr, events.data());
}

SubscriptionCaller caller(const std::string& who, int up_time = 10) {
  SubscriptionCaller made;
  made.printer = "office";
  made.printer_uri = "ipp://127.0.0.1/ipp/print/office";
  made.requester = who;
  made.user_name = who;
  made.up_time = up_time;
  return made;
}

std::vector<int> integers(ipp_t* response, const char* name) {
  std::vector<int> found;
  for (ipp_attribute_t* a = ippFindAttribute(response, name, IPP_TAG_ZERO); a;
       a = ippFindNextAttribute(response, name, IPP_TAG_ZERO))
    found.push_back(ippGetInteger(a, 0));
  return found;
}

std::vector<std::string> kinds(ipp_t* response) {
  std::vector<std::string> found;
  for (ipp_attribute_t* a = ippFindAttribute(response, "notify-subscribed-event", IPP_TAG_ZERO);
       a; a = ippFindNextAttribute(response, "notify-subscribed-event", IPP_TAG_ZERO))
    found.emplace_back(ippGetString(a, 0, nullptr));
  return found;
}

int subscribe(Subscriptions& subscriptions, const std::string& who,
              std::vector<const char*> events, int up_time = 10) {
  auto create = request(IPP_OP_CREATE_PRINTER_SUBSCRIPTIONS);
  add_group(create.get(), "ippget", std::move(events));
  IppCall call(create.get());
  subscriptions.create(call, caller(who, up_time));
  auto ids = integers(call.response.get(), "notify-subscription-id");
  return ids.empty() ? 0 : ids.front();
}

JobDescription job(const char* uuid, ipp_jstate_t state) {
  JobDescription made;
  made.uuid = uuid;
  made.job_id = 7;
  made.state = state;
  return made;
}

TEST(IppSubscriptions, EachGroupIsAnsweredAndPushIsRefused) {
  Subscriptions subscriptions(100, 10);
  auto create = request(IPP_OP_CREATE_PRINTER_SUBSCRIPTIONS);
  add_group(create.get(), "ippget", {"job-completed"});
  add_group(create.get(), "mailto", {"job-completed"});
  IppCall call(create.get());
  subscriptions.create(call, caller("alice"));
  EXPECT_EQ(ippGetStatusCode(call.response.get()), IPP_STATUS_OK);
  EXPECT_EQ(integers(call.response.get(), "notify-subscription-id").size(), 1u);
  EXPECT_EQ(integers(call.response.get(), "notify-status-code"),
            std::vector<int>{IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES});

  auto only_push = request(IPP_OP_CREATE_PRINTER_SUBSCRIPTIONS);
  add_group(only_push.get(), "mailto", {"job-completed"});
  IppCall refused(only_push.get());
  subscriptions.create(refused, caller("alice"));
  EXPECT_EQ(ippGetStatusCode(refused.response.get()), IPP_STATUS_ERROR_IGNORED_ALL_SUBSCRIPTIONS);
  EXPECT_EQ(subscribe(subscriptions, "alice", {"printer-exploded"}), 0);
}

TEST(IppSubscriptions, EventsAreKeptPerSubscriptionAndReadFromASequenceNumber) {
  Subscriptions subscriptions(100, 10);
  const int jobs = subscribe(subscriptions, "alice", {"job-state-changed"});
  const int printer = subscribe(subscriptions, "alice", {"printer-state-changed"});
  PrinterEvent created{"job-created", "Job 7 was received.", job("u1", IPP_JSTATE_PENDING)};
  subscriptions.publish("office", created, 11);
  PrinterEvent paused{"printer-stopped", "office is paused.", std::nullopt, IPP_PSTATE_STOPPED,
                      "paused", true};
  subscriptions.publish("office", paused, 12);
  subscriptions.publish("elsewhere", paused, 12);  // another printer's

  auto get = request(IPP_OP_GET_NOTIFICATIONS);
  const int ids[] = {jobs, printer};
  ippAddIntegers(get.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-ids", 2, ids);
  IppCall call(get.get());
  const auto none = [](const std::string&) { return std::optional<JobDescription>(); };
  subscriptions.notifications(call, caller("alice", 13), none);
  EXPECT_EQ(ippGetStatusCode(call.response.get()), IPP_STATUS_OK);
  EXPECT_EQ(kinds(call.response.get()),
            (std::vector<std::string>{"job-created", "printer-stopped"}));
  EXPECT_EQ(integers(call.response.get(), "printer-state"), std::vector<int>{IPP_PSTATE_STOPPED});

  // From sequence number 2 of the first: nothing new there.
  auto later = request(IPP_OP_GET_NOTIFICATIONS);
  ippAddInteger(later.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-ids", jobs);
  ippAddInteger(later.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-sequence-numbers", 2);
  IppCall again(later.get());
  subscriptions.notifications(again, caller("alice", 14), none);
  EXPECT_TRUE(kinds(again.response.get()).empty());

  // Another user's subscription is not found.
  IppCall other(later.get());
  subscriptions.notifications(other, caller("mallory", 14), none);
  EXPECT_EQ(ippGetStatusCode(other.response.get()), IPP_STATUS_ERROR_NOT_FOUND);
}

// A job seen by a subscription is asked of the backend when the subscriber polls: its
// completion is an event although nothing was done through IPP.
TEST(IppSubscriptions, AFollowedJobsCompletionIsFoundWhenPolled) {
  Subscriptions subscriptions(100, 10);
  const int id = subscribe(subscriptions, "alice", {"job-completed"});
  subscriptions.publish("office", {"job-created", "", job("u1", IPP_JSTATE_PENDING)}, 11);
  auto get = request(IPP_OP_GET_NOTIFICATIONS);
  ippAddInteger(get.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-ids", id);
  IppCall call(get.get());
  subscriptions.notifications(call, caller("alice", 12), [](const std::string& uuid) {
    return std::optional<JobDescription>(job(uuid.c_str(), IPP_JSTATE_COMPLETED));
  });
  EXPECT_EQ(kinds(call.response.get()), std::vector<std::string>{"job-completed"});
  EXPECT_EQ(integers(call.response.get(), "job-state"), std::vector<int>{IPP_JSTATE_COMPLETED});
}

TEST(IppSubscriptions, LeasesEndAndEachRequesterHasALimit) {
  Subscriptions subscriptions(100, 2);
  const int first = subscribe(subscriptions, "alice", {"job-completed"}, 10);
  EXPECT_GT(first, 0);
  EXPECT_GT(subscribe(subscriptions, "alice", {"job-completed"}, 10), 0);
  EXPECT_EQ(subscribe(subscriptions, "alice", {"job-completed"}, 10), 0);  // her limit
  EXPECT_GT(subscribe(subscriptions, "bob", {"job-completed"}, 10), 0);    // not his

  auto get = request(IPP_OP_GET_SUBSCRIPTION_ATTRIBUTES);
  ippAddInteger(get.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-id", first);
  IppCall live(get.get());
  subscriptions.get_attributes(live, caller("alice", 10 + kLeaseDefault - 1));
  EXPECT_EQ(ippGetStatusCode(live.response.get()), IPP_STATUS_OK);
  IppCall ended(get.get());
  subscriptions.get_attributes(ended, caller("alice", 10 + kLeaseDefault));
  EXPECT_EQ(ippGetStatusCode(ended.response.get()), IPP_STATUS_ERROR_NOT_FOUND);
}

}  // namespace
}  // namespace printline::ipp
