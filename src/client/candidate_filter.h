#pragma once
// The fallback chooser's filtering and ordering (FP-7b, D2), as pure functions so that the
// daemon, `printline printers --fallback` and the Qt tray app show the same list.
//
//  - search: case-insensitive substring of the name or the location; empty matches all;
//  - quick filters: colour, black & white, large format. Colour and black & white together
//    mean either; large format narrows further;
//  - order: printers from the user's history first, then by name (case-insensitive).

#include <vector>

#include "client/client_service.h"

namespace printline::client {

bool candidate_matches(const CandidateView& candidate, const PrinterFilter& filter);

void order_candidates(std::vector<CandidateView>& candidates);

std::vector<CandidateView> filter_candidates(std::vector<CandidateView> candidates,
                                             const PrinterFilter& filter);

}  // namespace printline::client
