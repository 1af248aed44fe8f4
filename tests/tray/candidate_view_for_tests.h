#pragma once
// A fallback printer as the chooser shows it, made in one line for the tray's tests and
// screenshots. An unreachable printer gets the probe's usual note unless one is given.

#include <string>

#include "client/client_service.h"

namespace printline::testing {

inline client::CandidateView candidate(const std::string& name, const std::string& location,
                                       bool color, bool large, bool history, bool last,
                                       bool reachable, std::string note = {}) {
  client::CandidateView c;
  c.name = name;
  c.location = location;
  c.color = color;
  c.large_format = large;
  c.in_history = history;
  c.last_choice = last;
  c.reachable = reachable;
  c.note = !reachable && note.empty() ? "no answer on port 9100" : std::move(note);
  return c;
}

}  // namespace printline::testing
