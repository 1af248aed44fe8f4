#include "model/profile_validation.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.h"
#include "model/fallback_target.h"

namespace printline::model {

std::string ProfileCheck::summary() const {
  std::string out;
  for (const auto& e : errors) {
    out += trf("error: {field}: {message}", fmt::arg("field", e.field),
               fmt::arg("message", e.message)) +
           "\n";
  }
  for (const auto& w : warnings) {
    out += trf("warning: {field}: {message}", fmt::arg("field", w.field),
               fmt::arg("message", w.message)) +
           "\n";
  }
  return out;
}

namespace {

void check_connection(const ClientProfile& profile, ProfileCheck& check) {
  if (profile.name.empty()) check.errors.push_back({"name", tr("the profile needs a name")});
  if (profile.server_addresses.empty()) {
    check.errors.push_back(
        {"server_addresses", tr("add at least one server address the client can reach")});
  }
  const auto timeout_ms = profile.connect_timeout.count();
  if (timeout_ms < 100 || timeout_ms > 60000) {
    check.errors.push_back(
        {"connect_timeout_ms",
         trf("connect timeout {ms} ms must be between 100 ms and 60 s (default 3 s)",
             fmt::arg("ms", timeout_ms))});
  }
  const auto heartbeat_s = profile.heartbeat_interval.count();
  if (heartbeat_s < 1 || heartbeat_s > 3600) {
    check.errors.push_back({"heartbeat_interval_s",
                            trf("heartbeat interval {seconds} s must be between 1 s and 1 hour "
                                "(default 10 s)",
                                fmt::arg("seconds", heartbeat_s))});
  }
  const auto answer_s = profile.answer_timeout.count();
  if (answer_s < kMinAnswerTimeoutSeconds || answer_s > kMaxAnswerTimeoutSeconds) {
    check.errors.push_back({"answer_timeout_s",
                            trf("answer timeout {seconds} s must be between {least} s and "
                                "{most} s (default 5 s)",
                                fmt::arg("seconds", answer_s),
                                fmt::arg("least", kMinAnswerTimeoutSeconds),
                                fmt::arg("most", kMaxAnswerTimeoutSeconds))});
  }
}

void check_fallback(const FallbackSettings& fallback, std::span<const Printer> printers,
                    ProfileCheck& check) {
  if (fallback.keep_waiting_days < 1 || fallback.keep_waiting_days > 365) {
    check.errors.push_back(
        {"fallback.keep_waiting_days",
         trf("waiting jobs are kept {days} days: use 1 to 365",
             fmt::arg("days", fallback.keep_waiting_days))});
  }
  if (!fallback.enabled) return;  // the rest only matters when fallback can happen

  if (!fallback.printer_ids.empty() && fallback.group_id) {
    check.errors.push_back(
        {"fallback.printers", tr("name either fallback printers or a printer group, not both")});
  }
  if (fallback.printer_ids.empty() && !fallback.group_id) {
    check.errors.push_back(
        {"fallback.printers",
         tr("fallback is enabled but names no printer and no printer group")});
  } else if (printers.empty()) {
    check.errors.push_back({"fallback.printers",
                            tr("the fallback printer group has no printers: add some or pick "
                               "another group")});
  }
  if (auto problem = device_port_problem(fallback.port)) {
    check.errors.push_back({"fallback.port", *problem});
  } else if (fallback.port.protocol == PortProtocol::kRaw && !fallback.port.queue.empty()) {
    check.warnings.push_back(
        {"fallback.port", tr("a RAW port has no queue: the queue is ignored")});
  }

  for (const auto& printer : printers) {
    if (!printer.fallback_allowed) {
      check.errors.push_back(
          {"fallback.printers",
           trf("printer \"{printer}\" does not allow fallback printing: allow it on the "
               "printer or remove it from the profile",
               fmt::arg("printer", printer.name))});
      continue;
    }
    auto target = fallback_target(printer, fallback);
    if (!target) {
      check.errors.push_back({"fallback.printers", target.error().message});
    } else if (target->may_be_counted_twice) {
      check.warnings.push_back(
          {"fallback.printers",
           trf("printer \"{printer}\" is a Kyocera device without a device spooling port: "
               "fallback goes to {uri} and jobs may be counted twice (by the device and "
               "by Printline); configure its device spooling port to avoid this",
               fmt::arg("printer", printer.name), fmt::arg("uri", target->device_uri))});
    }
  }
}

}  // namespace

ProfileCheck check_profile(const ClientProfile& profile,
                           std::span<const Printer> fallback_printers) {
  ProfileCheck check;
  check_connection(profile, check);
  check_fallback(profile.fallback, fallback_printers, check);
  return check;
}

std::vector<ProfileFinding> errors_a_change_adds(const ClientProfile& profile,
                                                 std::span<const Printer> before,
                                                 std::span<const Printer> after) {
  const auto old_errors = check_profile(profile, before).errors;
  std::vector<ProfileFinding> added;
  for (auto& error : check_profile(profile, after).errors) {
    const bool known = std::any_of(old_errors.begin(), old_errors.end(), [&](const auto& old) {
      return old.field == error.field && old.message == error.message;
    });
    if (known) continue;
    error.message = trf("profile \"{profile}\": {problem}", fmt::arg("profile", profile.name),
                        fmt::arg("problem", error.message));
    added.push_back(std::move(error));
  }
  return added;
}

}  // namespace printline::model
