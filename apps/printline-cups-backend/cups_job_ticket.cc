#include "cups_job_ticket.h"

#include <cups/cups.h>

#include <charconv>

namespace printline::cups_backend {

Result<model::JobTicket> ticket_from_cups(const std::string& copies, const std::string& options,
                                          bool filtered) {
  cups_option_t* parsed = nullptr;
  const int count = cupsParseOptions(options.c_str(), 0, &parsed);
  model::OptionList list;
  for (int i = 0; i < count; ++i) {
    std::string name = parsed[i].name;
    // Applied by the filters already: asking again would print a range of the range.
    if (filtered && (name == "page-ranges" || name == "number-up" || name == "copies")) continue;
    // cupsd puts its queue's print-color-mode-default into every job's options, and for a raw
    // queue (the Printline queue has no PPD) that is "monochrome", the only value it supports:
    // it says nothing about what the user asked, and taken as a choice it would print every
    // colour document grey. Grey is asked through CUPS with ColorModel=Gray (print dialogs and
    // `lp -o ColorModel=Gray`), which cupsd passes only when someone chose it.
    if (name == "print-color-mode") continue;
    list.emplace_back(std::move(name), parsed[i].value ? parsed[i].value : "");
  }
  cupsFreeOptions(count, parsed);

  model::JobTicket base;
  if (!filtered) {
    int n = 0;
    auto [end, ec] = std::from_chars(copies.data(), copies.data() + copies.size(), n);
    if (ec == std::errc() && end == copies.data() + copies.size() && n >= 1 &&
        n <= model::kMaxCopies)
      base.copies = n;
  }
  return model::apply_options(base, list, model::UnknownOptions::kIgnore);
}

}  // namespace printline::cups_backend
