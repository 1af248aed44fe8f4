#include "client/local_printer_control.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/durable_file.h"

namespace printline::client {

namespace {

model::QueueControl parse(const std::string& text) {
  const auto json = nlohmann::json::parse(text);
  model::QueueControl control;
  control.paused = json.at("paused").get<bool>();
  control.accepting = json.at("accepting").get<bool>();
  if (const auto& at = json.at("changed_at"); !at.is_null())
    control.changed_at = model::Timestamp{std::chrono::seconds{at.get<std::int64_t>()}};
  return control;
}

std::string text_of(const model::QueueControl& control) {
  nlohmann::json json = {{"paused", control.paused}, {"accepting", control.accepting}};
  json["changed_at"] = control.changed_at
                           ? nlohmann::json(control.changed_at->time_since_epoch().count())
                           : nlohmann::json(nullptr);
  return json.dump() + "\n";
}

}  // namespace

LocalPrinterControl::LocalPrinterControl(std::filesystem::path file) : file_(std::move(file)) {
  std::error_code missing;
  if (!std::filesystem::exists(file_, missing)) return;
  auto text = read_whole_file(file_);
  try {
    if (!text.ok()) throw std::runtime_error(text.error().message);
    control_ = parse(*text);
  } catch (const std::exception& e) {
    spdlog::warn("local printer: cannot read its paused/disabled state from {} ({}); it prints "
                 "and accepts jobs until an administrator pauses or disables it again",
                 file_.string(), e.what());
  }
}

model::QueueControl LocalPrinterControl::get() const {
  std::lock_guard lock(mutex_);
  return control_;
}

Status LocalPrinterControl::set(const model::QueueControl& control) {
  std::lock_guard lock(mutex_);
  if (auto written = write_file_durably(file_, text_of(control)); !written.ok()) return written;
  control_ = control;
  return ok_status();
}

}  // namespace printline::client
