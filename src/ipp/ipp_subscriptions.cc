// Subscriptions and their events (RFC 3995, RFC 3996), in memory.

#include "ipp/ipp_subscriptions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <iterator>

#include "ipp/ipp_printer_description.h"
#include "ipp/ipp_requested_attributes.h"

namespace printline::ipp {

const std::vector<const char*>& supported_events() {
  static const std::vector<const char*> kEvents = {
      "job-completed", "job-created",           "job-state-changed",
      "job-stopped",   "printer-state-changed", "printer-stopped"};
  return kEvents;
}

namespace {

constexpr const char* kDefaultEvent = "job-completed";

bool is_supported_event(const char* kind) {
  const auto& events = supported_events();
  return std::any_of(events.begin(), events.end(),
                     [&](const char* known) { return std::strcmp(known, kind) == 0; });
}

// The kinds a subscriber of `asked` receives: job-state-changed includes the completion and
// the stop, as RFC 3995 §5.3.3.4.2 groups them.
bool receives(const std::set<std::string>& asked, const std::string& kind) {
  if (asked.contains(kind)) return true;
  if (kind == "job-completed" || kind == "job-stopped" || kind == "job-created")
    return asked.contains("job-state-changed");
  if (kind == "printer-stopped") return asked.contains("printer-state-changed");
  return false;
}

// The subscription-attributes groups of a Create-Printer-Subscriptions request, in order.
std::vector<std::vector<ipp_attribute_t*>> subscription_groups(ipp_t* request) {
  std::vector<std::vector<ipp_attribute_t*>> groups;
  bool inside = false;
  for (ipp_attribute_t* attr = ippFirstAttribute(request); attr;
       attr = ippNextAttribute(request)) {
    if (ippGetGroupTag(attr) != IPP_TAG_SUBSCRIPTION || !ippGetName(attr)) {
      inside = false;
      continue;
    }
    if (!inside) groups.emplace_back();
    inside = true;
    groups.back().push_back(attr);
  }
  return groups;
}

ipp_attribute_t* in_group(const std::vector<ipp_attribute_t*>& group, const char* name) {
  for (ipp_attribute_t* attr : group)
    if (std::strcmp(ippGetName(attr), name) == 0) return attr;
  return nullptr;
}

int granted_lease(ipp_attribute_t* asked) {
  if (!asked || ippGetValueTag(asked) != IPP_TAG_INTEGER) return kLeaseDefault;
  const int seconds = ippGetInteger(asked, 0);
  // 0 asks for no expiry, which a printer that forgets on restart does not promise.
  return seconds <= 0 || seconds > kLeaseMaximum ? kLeaseMaximum : seconds;
}

}  // namespace

Subscriptions::Subscriptions(std::size_t limit, std::size_t limit_per_requester)
    : limit_(limit), limit_per_requester_(limit_per_requester) {}

void Subscriptions::describe(ipp_t* response, cups_array_t* requested) {
  constexpr ipp_tag_t kGroup = IPP_TAG_PRINTER;
  if (attribute_wanted(requested, "notify-events-default"))
    ippAddString(response, kGroup, IPP_TAG_KEYWORD, "notify-events-default", nullptr,
                 kDefaultEvent);
  if (attribute_wanted(requested, "notify-events-supported")) {
    const auto& events = supported_events();
    ippAddStrings(response, kGroup, IPP_TAG_KEYWORD, "notify-events-supported",
                  static_cast<int>(events.size()), nullptr, events.data());
  }
  if (attribute_wanted(requested, "notify-lease-duration-default"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "notify-lease-duration-default",
                  kLeaseDefault);
  if (attribute_wanted(requested, "notify-lease-duration-supported"))
    ippAddRange(response, kGroup, "notify-lease-duration-supported", 1, kLeaseMaximum);
  if (attribute_wanted(requested, "notify-max-events-supported"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "notify-max-events-supported",
                  kEventsPerSubscription);
  if (attribute_wanted(requested, "notify-pull-method-supported"))
    ippAddString(response, kGroup, IPP_TAG_KEYWORD, "notify-pull-method-supported", nullptr,
                 "ippget");
  if (attribute_wanted(requested, "ippget-event-life"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "ippget-event-life", kEventLife);
}

void Subscriptions::expire(int up_time) {
  std::erase_if(subscriptions_, [&](const auto& entry) {
    return entry.second.expires_at != 0 && entry.second.expires_at <= up_time;
  });
  for (auto& [id, subscription] : subscriptions_) {
    auto& queue = subscription.queue;
    while (!queue.empty() && queue.front().at + kEventLife < up_time) queue.pop_front();
  }
}

void Subscriptions::create(IppCall& call, const SubscriptionCaller& caller) {
  const auto groups = subscription_groups(call.request);
  if (groups.empty()) {
    call.status(IPP_STATUS_ERROR_BAD_REQUEST,
                "The request has no subscription-attributes group; send notify-pull-method "
                "ippget and notify-events in one.");
    return;
  }
  std::lock_guard lock(mutex_);
  expire(caller.up_time);
  // Each group gets its answer group: the new id and lease, or why it was not created.
  std::vector<std::pair<ipp_status_t, Subscription>> answers;
  std::string first_refusal;
  for (const auto& group : groups) {
    Subscription made;
    ipp_status_t refused = IPP_STATUS_OK;
    std::string why;
    ipp_attribute_t* method = in_group(group, "notify-pull-method");
    if (in_group(group, "notify-recipient-uri")) {
      refused = IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES;
      why = "Only pull notifications (notify-pull-method ippget) are offered; push "
            "(notify-recipient-uri) is not.";
    } else if (!method || ippGetValueTag(method) != IPP_TAG_KEYWORD ||
               std::strcmp(ippGetString(method, 0, nullptr), "ippget") != 0) {
      refused = IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES;
      why = "Send notify-pull-method ippget: it is the only notification method offered.";
    }
    if (ipp_attribute_t* events = in_group(group, "notify-events"); refused == IPP_STATUS_OK) {
      if (!events) {
        made.events.insert(kDefaultEvent);
      } else if (ippGetValueTag(events) != IPP_TAG_KEYWORD) {
        refused = IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES;
        why = "notify-events must be keywords; see notify-events-supported.";
      } else {
        for (int i = 0; i < ippGetCount(events); ++i) {
          const char* kind = ippGetString(events, i, nullptr);
          if (std::strcmp(kind, "none") == 0) continue;
          if (!is_supported_event(kind)) {
            refused = IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES;
            why = fmt::format("Event {} is not reported by this printer; see "
                              "notify-events-supported.",
                              kind);
            break;
          }
          made.events.insert(kind);
        }
      }
    }
    if (ipp_attribute_t* data = in_group(group, "notify-user-data"); data &&
                                                                     refused == IPP_STATUS_OK) {
      int length = 0;
      const void* bytes = ippGetOctetString(data, 0, &length);
      if (ippGetValueTag(data) != IPP_TAG_STRING || length > 63) {
        refused = IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES;
        why = "notify-user-data must be at most 63 octets.";
      } else {
        made.user_data.assign(static_cast<const char*>(bytes), static_cast<std::size_t>(length));
      }
    }
    if (refused == IPP_STATUS_OK) {
      const auto own = std::count_if(subscriptions_.begin(), subscriptions_.end(), [&](const auto& e) {
        return e.second.owner == caller.requester;
      });
      if (own >= static_cast<std::ptrdiff_t>(limit_per_requester_)) {
        refused = IPP_STATUS_ERROR_TOO_MANY_SUBSCRIPTIONS;
        why = fmt::format("You already have {} subscriptions; cancel some (Cancel-Subscription) "
                          "or let their leases end, then subscribe again.",
                          own);
      } else if (subscriptions_.size() >= limit_) {
        refused = IPP_STATUS_ERROR_TOO_MANY_SUBSCRIPTIONS;
        why = "This printer has too many subscriptions; try again later.";
      }
    }
    if (refused != IPP_STATUS_OK) {
      if (first_refusal.empty()) first_refusal = why;
      answers.emplace_back(refused, Subscription{});
      continue;
    }
    made.id = next_id_++;
    made.printer = caller.printer;
    made.printer_uri = caller.printer_uri;
    made.owner = caller.requester;
    made.user_name = caller.user_name;
    made.lease = granted_lease(in_group(group, "notify-lease-duration"));
    made.expires_at = caller.up_time + made.lease;
    subscriptions_[made.id] = made;
    answers.emplace_back(IPP_STATUS_OK, made);
  }
  const bool any = std::any_of(answers.begin(), answers.end(),
                               [](const auto& answer) { return answer.first == IPP_STATUS_OK; });
  call.status(any ? IPP_STATUS_OK : IPP_STATUS_ERROR_IGNORED_ALL_SUBSCRIPTIONS,
              any ? "" : first_refusal);
  bool first = true;
  for (const auto& [status, made] : answers) {
    if (!first) ippAddSeparator(call.response.get());
    first = false;
    if (status != IPP_STATUS_OK) {
      ippAddInteger(call.response.get(), IPP_TAG_SUBSCRIPTION, IPP_TAG_ENUM, "notify-status-code",
                    status);
      continue;
    }
    ippAddInteger(call.response.get(), IPP_TAG_SUBSCRIPTION, IPP_TAG_INTEGER,
                  "notify-subscription-id", made.id);
    ippAddInteger(call.response.get(), IPP_TAG_SUBSCRIPTION, IPP_TAG_INTEGER,
                  "notify-lease-duration", made.lease);
  }
}

Subscriptions::Subscription* Subscriptions::find(IppCall& call, const SubscriptionCaller& caller) {
  ipp_attribute_t* id_attr =
      ippFindAttribute(call.request, "notify-subscription-id", IPP_TAG_INTEGER);
  if (!id_attr) {
    call.status(IPP_STATUS_ERROR_BAD_REQUEST, "Missing notify-subscription-id.");
    return nullptr;
  }
  const int id = ippGetInteger(id_attr, 0);
  auto it = subscriptions_.find(id);
  if (it == subscriptions_.end() || it->second.printer != caller.printer ||
      (it->second.owner != caller.requester && !caller.sees_every_one)) {
    call.status(IPP_STATUS_ERROR_NOT_FOUND,
                fmt::format("There is no subscription {}: its lease ended, it was cancelled, or "
                            "the printer restarted. Subscribe again.",
                            id));
    return nullptr;
  }
  return &it->second;
}

void Subscriptions::add_subscription(ipp_t* response, const Subscription& subscription,
                                     int up_time, cups_array_t* requested) {
  constexpr ipp_tag_t kGroup = IPP_TAG_SUBSCRIPTION;
  const auto wanted = [&](const char* name) { return attribute_wanted(requested, name); };
  if (wanted("notify-subscription-id"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "notify-subscription-id", subscription.id);
  if (wanted("notify-printer-uri"))
    ippAddString(response, kGroup, IPP_TAG_URI, "notify-printer-uri", nullptr,
                 subscription.printer_uri.c_str());
  if (wanted("notify-subscriber-user-name"))
    ippAddString(response, kGroup, IPP_TAG_NAME, "notify-subscriber-user-name", nullptr,
                 subscription.user_name.empty() ? "anonymous" : subscription.user_name.c_str());
  if (wanted("notify-events")) {
    std::vector<const char*> kinds;
    for (const auto& kind : subscription.events) kinds.push_back(kind.c_str());
    if (kinds.empty()) kinds.push_back("none");
    ippAddStrings(response, kGroup, IPP_TAG_KEYWORD, "notify-events",
                  static_cast<int>(kinds.size()), nullptr, kinds.data());
  }
  if (wanted("notify-pull-method"))
    ippAddString(response, kGroup, IPP_TAG_KEYWORD, "notify-pull-method", nullptr, "ippget");
  if (wanted("notify-lease-duration"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "notify-lease-duration", subscription.lease);
  if (wanted("notify-lease-expiration-time"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "notify-lease-expiration-time",
                  std::max(subscription.expires_at - up_time, 0));
  if (wanted("notify-charset"))
    ippAddString(response, kGroup, IPP_TAG_CHARSET, "notify-charset", nullptr, "utf-8");
  if (wanted("notify-natural-language"))
    ippAddString(response, kGroup, IPP_TAG_LANGUAGE, "notify-natural-language", nullptr, "en");
  if (wanted("notify-user-data") && !subscription.user_data.empty())
    ippAddOctetString(response, kGroup, "notify-user-data", subscription.user_data.data(),
                      static_cast<int>(subscription.user_data.size()));
}

void Subscriptions::get_attributes(IppCall& call, const SubscriptionCaller& caller) {
  std::lock_guard lock(mutex_);
  expire(caller.up_time);
  const Subscription* subscription = find(call, caller);
  if (!subscription) return;
  const RequestedAttributes requested(call.request);
  call.status(IPP_STATUS_OK, "");
  add_subscription(call.response.get(), *subscription, caller.up_time, requested.get());
}

void Subscriptions::list(IppCall& call, const SubscriptionCaller& caller) {
  std::lock_guard lock(mutex_);
  expire(caller.up_time);
  ipp_attribute_t* mine = ippFindAttribute(call.request, "my-subscriptions", IPP_TAG_BOOLEAN);
  const bool only_mine = (mine && ippGetBoolean(mine, 0)) || !caller.sees_every_one;
  ipp_attribute_t* limit_attr = ippFindAttribute(call.request, "limit", IPP_TAG_INTEGER);
  const int limit = limit_attr ? std::max(ippGetInteger(limit_attr, 0), 0) : 1000;
  // Only printer subscriptions exist here: one naming a job has none.
  const bool for_a_job = ippFindAttribute(call.request, "notify-job-id", IPP_TAG_INTEGER);
  const RequestedAttributes requested(call.request);
  call.status(IPP_STATUS_OK, "");
  int count = 0;
  for (const auto& [id, subscription] : subscriptions_) {
    if (for_a_job || count >= limit || subscription.printer != caller.printer) continue;
    if (only_mine && subscription.owner != caller.requester) continue;
    if (count++ > 0) ippAddSeparator(call.response.get());
    add_subscription(call.response.get(), subscription, caller.up_time, requested.get());
  }
}

void Subscriptions::renew(IppCall& call, const SubscriptionCaller& caller) {
  std::lock_guard lock(mutex_);
  expire(caller.up_time);
  Subscription* subscription = find(call, caller);
  if (!subscription) return;
  subscription->lease = granted_lease(
      ippFindAttribute(call.request, "notify-lease-duration", IPP_TAG_ZERO));
  subscription->expires_at = caller.up_time + subscription->lease;
  call.status(IPP_STATUS_OK, "");
  ippAddInteger(call.response.get(), IPP_TAG_SUBSCRIPTION, IPP_TAG_INTEGER,
                "notify-lease-duration", subscription->lease);
}

void Subscriptions::cancel(IppCall& call, const SubscriptionCaller& caller) {
  std::lock_guard lock(mutex_);
  expire(caller.up_time);
  const Subscription* subscription = find(call, caller);
  if (!subscription) return;
  subscriptions_.erase(subscription->id);
  call.status(IPP_STATUS_OK, "");
}

void Subscriptions::record(Subscription& subscription, const PrinterEvent& event, int up_time) {
  // Every job seen is followed (a "job-completed" subscriber never gets "job-created").
  if (event.job) {
    if (event.job->state >= IPP_JSTATE_CANCELED) {
      subscription.jobs.erase(event.job->uuid);
    } else if (subscription.jobs.size() < static_cast<std::size_t>(kEventsPerSubscription) ||
               subscription.jobs.contains(event.job->uuid)) {
      subscription.jobs[event.job->uuid] = event.job->state;  // followed until it ends
    }
  }
  if (!receives(subscription.events, event.kind)) return;
  subscription.queue.push_back(Stored{subscription.next_sequence++, up_time, event});
  while (subscription.queue.size() > static_cast<std::size_t>(kEventsPerSubscription))
    subscription.queue.pop_front();
}

void Subscriptions::publish(const std::string& printer, const PrinterEvent& event, int up_time) {
  std::lock_guard lock(mutex_);
  for (auto& [id, subscription] : subscriptions_)
    if (subscription.printer == printer) record(subscription, event, up_time);
}

void Subscriptions::add_event(ipp_t* response, const Subscription& subscription,
                              const Stored& stored) {
  constexpr ipp_tag_t kGroup = IPP_TAG_EVENT_NOTIFICATION;
  const PrinterEvent& event = stored.event;
  ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "notify-subscription-id", subscription.id);
  ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "notify-sequence-number", stored.sequence);
  ippAddString(response, kGroup, IPP_TAG_KEYWORD, "notify-subscribed-event", nullptr,
               event.kind.c_str());
  ippAddString(response, kGroup, IPP_TAG_TEXT, "notify-text", nullptr, event.text.c_str());
  ippAddString(response, kGroup, IPP_TAG_CHARSET, "notify-charset", nullptr, "utf-8");
  ippAddString(response, kGroup, IPP_TAG_LANGUAGE, "notify-natural-language", nullptr, "en");
  ippAddString(response, kGroup, IPP_TAG_URI, "notify-printer-uri", nullptr,
               subscription.printer_uri.c_str());
  if (!subscription.user_data.empty())
    ippAddOctetString(response, kGroup, "notify-user-data", subscription.user_data.data(),
                      static_cast<int>(subscription.user_data.size()));
  ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "printer-up-time", stored.at);
  if (event.job) {
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "notify-job-id", event.job->job_id);
    ippAddInteger(response, kGroup, IPP_TAG_ENUM, "job-state", event.job->state);
    ippAddString(response, kGroup, IPP_TAG_KEYWORD, "job-state-reasons", nullptr,
                 event.job->state_reason);
  } else {
    ippAddInteger(response, kGroup, IPP_TAG_ENUM, "printer-state", event.printer_state);
    ippAddString(response, kGroup, IPP_TAG_KEYWORD, "printer-state-reasons", nullptr,
                 event.printer_reason.c_str());
    ippAddBoolean(response, kGroup, "printer-is-accepting-jobs", event.accepting ? 1 : 0);
  }
}

void Subscriptions::notifications(IppCall& call, const SubscriptionCaller& caller,
                                  const FindJob& find_job) {
  ipp_attribute_t* ids = ippFindAttribute(call.request, "notify-subscription-ids", IPP_TAG_ZERO);
  if (!ids || ippGetValueTag(ids) != IPP_TAG_INTEGER) {
    call.status(IPP_STATUS_ERROR_BAD_REQUEST,
                "Missing notify-subscription-ids: name the subscriptions to get events of.");
    return;
  }
  ipp_attribute_t* sequences =
      ippFindAttribute(call.request, "notify-sequence-numbers", IPP_TAG_INTEGER);
  // The jobs the subscriptions follow, asked of the backend outside the lock: a job that
  // changed since its last event (printing, printed, aborted) gets a job-state-changed event.
  std::map<std::string, ipp_jstate_t> followed;
  {
    std::lock_guard lock(mutex_);
    expire(caller.up_time);
    for (int i = 0; i < ippGetCount(ids); ++i) {
      auto it = subscriptions_.find(ippGetInteger(ids, i));
      if (it != subscriptions_.end()) followed.insert(it->second.jobs.begin(), it->second.jobs.end());
    }
  }
  std::vector<JobDescription> changed;
  for (const auto& [uuid, state] : followed) {
    auto now = find_job(uuid);
    if (now && now->state != state) changed.push_back(*now);
  }
  std::lock_guard lock(mutex_);
  for (int i = 0; i < ippGetCount(ids); ++i) {
    auto it = subscriptions_.find(ippGetInteger(ids, i));
    if (it == subscriptions_.end() || it->second.printer != caller.printer ||
        (it->second.owner != caller.requester && !caller.sees_every_one)) {
      call.status(IPP_STATUS_ERROR_NOT_FOUND,
                  fmt::format("There is no subscription {}: its lease ended, it was cancelled, "
                              "or the printer restarted. Subscribe again.",
                              ippGetInteger(ids, i)));
      return;
    }
    for (const auto& job : changed) {
      auto known = it->second.jobs.find(job.uuid);
      if (known == it->second.jobs.end() || known->second == job.state) continue;
      PrinterEvent event;
      event.kind = job.state >= IPP_JSTATE_CANCELED ? "job-completed" : "job-state-changed";
      event.text = fmt::format("Job {} is {}.", job.job_id, ippEnumString("job-state", job.state));
      event.job = job;
      record(it->second, event, caller.up_time);
    }
  }
  call.status(IPP_STATUS_OK, "");
  ippAddInteger(call.response.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-get-interval",
                kGetInterval);
  ippAddInteger(call.response.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "printer-up-time",
                caller.up_time);
  bool first = true;
  for (int i = 0; i < ippGetCount(ids); ++i) {
    const Subscription& subscription = subscriptions_.at(ippGetInteger(ids, i));
    const int from = sequences && i < ippGetCount(sequences) ? ippGetInteger(sequences, i) : 1;
    for (const auto& stored : subscription.queue) {
      if (stored.sequence < from) continue;
      if (!first) ippAddSeparator(call.response.get());
      first = false;
      add_event(call.response.get(), subscription, stored);
    }
  }
}

}  // namespace printline::ipp
