#pragma once
// A ClientService that records calls and answers from a small in-memory job list: for the
// control protocol and socket unit tests only (integration tests use the real daemon).

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "client/client_service.h"

namespace printline::testing {

class RecordingClientService : public client::ClientService {
 public:
  struct Submitted {
    client::SubmitRequest request;
    std::string document;
  };

  Result<client::JobView> submit(const client::SubmitRequest& request,
                                 transport::DocumentSource& document) override {
    std::string bytes;
    char chunk[4096];
    for (;;) {
      auto got = document.read(chunk);
      if (!got.ok()) return got.error();
      if (*got == 0) break;
      bytes.append(chunk, *got);
    }
    std::lock_guard lock(mutex_);
    calls.push_back("submit");
    submitted.push_back({request, bytes});
    client::JobView job;
    job.uuid = "00000000-0000-4000-8000-" + std::string(12 - std::to_string(jobs_.size() + 1).size(), '0') +
               std::to_string(jobs_.size() + 1);
    job.title = request.title.empty() ? "Untitled" : request.title;
    job.document_format = request.document_format;
    job.copies = request.copies;
    job.size_bytes = bytes.size();
    job.reason = "Received; it goes to the server next.";
    job.received_at = job.updated_at = model::now_seconds();
    jobs_.insert(jobs_.begin(), job);
    return job;
  }
  std::vector<client::JobView> jobs() const override {
    std::lock_guard lock(mutex_);
    return jobs_;
  }
  std::optional<client::JobView> job(const std::string& uuid) const override {
    std::lock_guard lock(mutex_);
    for (const auto& j : jobs_) {
      if (j.uuid == uuid) return j;
    }
    return std::nullopt;
  }
  Result<client::JobView> choose(const std::string& uuid, const std::string& printer) override {
    return change(uuid, "choose " + printer, client::JobState::kPrintingOnFallback);
  }
  Result<client::JobView> cancel(const std::string& uuid) override {
    std::lock_guard lock(mutex_);
    for (auto& j : jobs_) {
      if (j.uuid == uuid && client::is_final(j.state)) {
        calls.push_back("cancel " + uuid);
        return Error{"The job is already at the server; cancel it there."};
      }
    }
    return change_locked(uuid, "cancel", client::JobState::kCancelled);
  }
  Result<client::JobView> retry(const std::string& uuid) override {
    return change(uuid, "retry", client::JobState::kWaitingForServer);
  }
  client::StatusView status() const override {
    client::StatusView s;
    s.online = false;
    s.user_login = "alice";
    s.last_error = "Connection refused.";
    s.last_contact = model::now_seconds();
    return s;
  }
  Result<client::StatusView> login(const std::string& login, const std::string& password,
                                   const client::AcceptedCertificate&) override {
    std::lock_guard lock(mutex_);
    calls.push_back("login " + login);
    if (password != "secret") return Error{"Wrong login or password; try again."};
    client::StatusView s;
    s.logged_in = true;
    s.user_login = login;
    return s;
  }
  std::vector<client::CandidateView> fallback_printers(const client::PrinterFilter& filter) override {
    std::lock_guard lock(mutex_);
    calls.push_back("printers " + filter.search + (filter.color ? " color" : "") +
                    (filter.mono ? " mono" : "") + (filter.large_format ? " large" : ""));
    client::CandidateView c;
    c.printer_id = 7;
    c.name = "hall-mono";
    c.reachable = true;
    c.target_uri = "socket://127.0.0.1:9100";
    return {c};
  }
  std::vector<client::FallbackTestRow> test_fallback(bool send_test_page) override {
    std::lock_guard lock(mutex_);
    calls.push_back(send_test_page ? "test page" : "test");
    client::FallbackTestRow row;
    row.printer = "hall-mono";
    row.reachable = true;
    if (send_test_page) row.accepted = true;
    row.message = "reachable";
    return {row};
  }

  class Sub : public client::Subscription {
   public:
    Sub(RecordingClientService& s, std::size_t i) : service(s), index(i) {}
    ~Sub() override {
      std::lock_guard lock(service.mutex_);
      service.listeners_[index] = nullptr;
    }
    RecordingClientService& service;
    std::size_t index;
  };
  std::unique_ptr<client::Subscription> subscribe(
      std::function<void(const client::ClientEvent&)> listener) override {
    std::lock_guard lock(mutex_);
    calls.push_back("subscribe");
    listeners_.push_back(std::move(listener));
    return std::make_unique<Sub>(*this, listeners_.size() - 1);
  }
  void publish(const client::ClientEvent& event) {
    std::vector<std::function<void(const client::ClientEvent&)>> copy;
    {
      std::lock_guard lock(mutex_);
      copy = listeners_;
    }
    for (auto& l : copy) {
      if (l) l(event);
    }
  }
  int subscribers() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(std::count_if(listeners_.begin(), listeners_.end(),
                                          [](const auto& l) { return static_cast<bool>(l); }));
  }

  std::vector<std::string> recorded() const {
    std::lock_guard lock(mutex_);
    return calls;
  }
  std::vector<Submitted> submissions() const {
    std::lock_guard lock(mutex_);
    return submitted;
  }

 private:
  Result<client::JobView> change(const std::string& uuid, const std::string& what,
                                 client::JobState state) {
    std::lock_guard lock(mutex_);
    return change_locked(uuid, what, state);
  }
  Result<client::JobView> change_locked(const std::string& uuid, const std::string& what,
                                        client::JobState state) {
    calls.push_back(what + " " + uuid);
    for (auto& j : jobs_) {
      if (j.uuid == uuid) {
        j.state = state;
        return j;
      }
    }
    return Error{"No such job."};
  }

  mutable std::mutex mutex_;
  std::vector<std::string> calls;
  std::vector<Submitted> submitted;
  std::vector<client::JobView> jobs_;
  std::vector<std::function<void(const client::ClientEvent&)>> listeners_;
};

}  // namespace printline::testing
