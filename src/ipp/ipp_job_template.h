#pragma once
// The job template of a Printline IPP printer (RFC 8011 §5.2, PWG 5100.12 §6.2/§6.3): what a
// server queue or the desktop client's local printer can do, advertised as *-default and
// *-supported, and honoured: a job's template attributes are checked against the same values
// before the job ticket (model/job_ticket.h) is read from them
// (transport/ipp_job_ticket.h). A value outside -supported is answered in the
// unsupported-attributes group and refuses the job (client-error-attributes-or-values-not-
// supported) when the request asks ipp-attribute-fidelity, else it is ignored — the printer's
// default applies and the status is successful-ok-ignored-or-substituted-attributes.

#include <cups/ipp.h>

#include <optional>
#include <string>
#include <vector>

#include "ipp/ipp_call.h"
#include "model/job_ticket.h"

namespace printline::ipp {

// What depends on the printer behind; the rest (orientations, qualities, number-up, …) is the
// same for every Printline printer, because Printline itself applies it (D11).
struct JobTemplateSupport {
  bool color = true;
  bool duplex = true;
  std::vector<std::string> media;  // PWG size names; empty: every size the model knows
  std::string media_default = "iso_a4_210x297mm";
  // Whether the printer keeps jobs held until released (job-hold-until "indefinite",
  // Hold-Job, Release-Job, Pause-Printer): a server queue does; the desktop client's printer
  // passes every job on at once.
  bool holds = false;
};

// The media sizes a printer takes by the model's names, and the PWG name of each.
std::vector<std::string> every_media_size();

// The *-default, *-supported and *-ready attributes of the job template, as requested.
void add_job_template_support(ipp_t* response, const JobTemplateSupport& support,
                              cups_array_t* requested);

// The job ticket a Print-Job, Validate-Job or Create-Job asks for, after the check above;
// none with the status set when the job is refused.
std::optional<model::JobTicket> read_job_ticket(IppCall& call, const JobTemplateSupport& support);

}  // namespace printline::ipp
