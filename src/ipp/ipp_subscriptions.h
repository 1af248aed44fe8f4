#pragma once
// IPP event notifications by pull (RFC 3995, ippget RFC 3996), which IPP/2.1 requires of a
// printer (PWG 5100.12 §6.3): Create-Printer-Subscriptions, Get-Subscription-Attributes,
// Get-Subscriptions, Renew-Subscription, Cancel-Subscription and Get-Notifications, for the
// IPP core (ipp_printer.h) of a server queue and of the desktop client's local printer alike.
//
// Subscriptions and their events live only in memory, like a Create-Job waiting for its
// document: after a restart a subscription id answers client-error-not-found and the client
// subscribes again (RFC 3995 lets a printer lose them). Events are what the core sees: jobs
// created, held, released and cancelled through IPP, the printer paused, resumed, enabled and
// disabled; a job's later changes (printing, printed, aborted) are found when its subscriber
// asks for notifications, by asking the backend for the jobs the subscription has seen.
// Thread-safe.

#include <cups/ipp.h>

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ipp/ipp_call.h"
#include "ipp/ipp_job_description.h"

namespace printline::ipp {

inline constexpr int kLeaseDefault = 3600;     // seconds, notify-lease-duration-default
inline constexpr int kLeaseMaximum = 86400;    // notify-lease-duration-supported 1..this
inline constexpr int kEventLife = 300;         // ippget-event-life: seconds an event is kept
inline constexpr int kEventsPerSubscription = 100;  // notify-max-events-supported
inline constexpr int kGetInterval = 10;        // notify-get-interval: poll again after this

// One change, as Get-Notifications reports it.
struct PrinterEvent {
  std::string kind;  // "job-created", "job-state-changed", "printer-state-changed", ...
  std::string text;  // notify-text, for people
  std::optional<JobDescription> job;  // for job events
  // For printer events (and printer-state in every event).
  ipp_pstate_t printer_state = IPP_PSTATE_IDLE;
  std::string printer_reason = "none";
  bool accepting = true;
};

// Who asks and about which printer, as the core knows from the backend's session.
struct SubscriptionCaller {
  std::string printer;      // the backend's printer name
  std::string printer_uri;  // notify-printer-uri
  std::string requester;    // owner of the subscriptions it creates
  std::string user_name;    // notify-subscriber-user-name
  bool sees_every_one = false;  // an administrator sees and cancels every subscription
  int up_time = 1;
};

class Subscriptions {
 public:
  // Asks the backend for a job's present description by uuid (the subscriber's view).
  using FindJob = std::function<std::optional<JobDescription>(const std::string& uuid)>;

  // Per requester first, then in all (D13): one user cannot fill the table for everyone.
  Subscriptions(std::size_t limit, std::size_t limit_per_requester);

  void create(IppCall& call, const SubscriptionCaller& caller);
  void get_attributes(IppCall& call, const SubscriptionCaller& caller);
  void list(IppCall& call, const SubscriptionCaller& caller);
  void renew(IppCall& call, const SubscriptionCaller& caller);
  void cancel(IppCall& call, const SubscriptionCaller& caller);
  void notifications(IppCall& call, const SubscriptionCaller& caller, const FindJob& find_job);

  // Records an event on every subscription of that printer that asked for its kind.
  void publish(const std::string& printer, const PrinterEvent& event, int up_time);

  // The notify-* and ippget-event-life printer attributes, as requested.
  static void describe(ipp_t* response, cups_array_t* requested);

 private:
  struct Stored {
    int sequence = 0;
    int at = 0;  // printer-up-time of the event
    PrinterEvent event;
  };
  struct Subscription {
    int id = 0;
    std::string printer;
    std::string printer_uri;
    std::string owner;
    std::string user_name;
    std::set<std::string> events;
    std::string user_data;  // notify-user-data, octets
    int lease = kLeaseDefault;
    int expires_at = 0;  // printer-up-time; 0 never
    int next_sequence = 1;
    std::deque<Stored> queue;
    std::map<std::string, ipp_jstate_t> jobs;  // uuid → last state reported
  };

  // The subscription named by notify-subscription-id, if the caller may use it; else the
  // status is set.
  Subscription* find(IppCall& call, const SubscriptionCaller& caller);
  void expire(int up_time);  // with mutex_ held
  static void add_subscription(ipp_t* response, const Subscription& subscription, int up_time,
                               cups_array_t* requested);
  static void add_event(ipp_t* response, const Subscription& subscription, const Stored& stored);
  static void record(Subscription& subscription, const PrinterEvent& event, int up_time);

  const std::size_t limit_;
  const std::size_t limit_per_requester_;
  std::mutex mutex_;
  int next_id_ = 1;
  std::map<int, Subscription> subscriptions_;
};

// The events a Printline printer reports (notify-events-supported).
const std::vector<const char*>& supported_events();

}  // namespace printline::ipp
