// `printline admin jobs list|show|release|cancel|refund`: everyone's jobs, with the API's filters.

#include <iostream>
#include <map>
#include <memory>

#include "admin_command.h"
#include "api_client/query_string.h"
#include "core/i18n.h"
#include "model/json_number.h"
#include "output.h"
#include "server_job_commands.h"

namespace printline::cli {

namespace {

struct JobArguments {
  std::string user, printer, origin, state, from, to, limit, offset;
  std::string uuid, release_printer, reason;
};

void print_job(const nlohmann::json& j) {
  print_fields(
      std::cout,
      {{tr("uuid"), field_text(j, "uuid")},
       {tr("id"), field_text(j, "id")},
       {tr("owner id"), field_text(j, "owner_id")},
       {tr("queue id"), field_text(j, "queue_id")},
       {tr("printer id"), field_text(j, "printer_id")},
       {tr("origin"), origin_text(field_text(j, "origin"))},
       {tr("state"), server_state_text(field_text(j, "state"))},
       {tr("title"), field_text(j, "title")},
       {tr("pages"), trf("{pages} per copy, {color_pages} in colour",
                         fmt::arg("pages", field_text(j, "pages")),
                         fmt::arg("color_pages", field_text(j, "color_pages")))},
       {tr("paper"), field_text(j, "paper")},
       {tr("duplex"), yes_no(j.value("duplex", false))},
       {tr("copies"), field_text(j, "copies")},
       {tr("asked"), j.value("ticket_text", std::string(tr("as the document is")))},
       {tr("format"), field_text(j, "document_format")},
       {tr("cost"), money(model::integer_or(j, "cost_cents", std::int64_t{0}))},
       {tr("submitted"), time_field_text(j, "submitted_at")},
       {tr("printed"), time_field_text(j, "printed_at")},
       {tr("outcome"), field_text(j, "outcome")},
       {tr("may be counted twice"), yes_no(j.value("may_be_counted_twice", false))},
       {tr("printed twice"),
        j.value("printed_twice", false)
            ? trf("yes, also on printer {printer}",
                  fmt::arg("printer", field_text(j, "also_printed_on")))
            : std::string(tr("no"))},
       {tr("awaiting its client's commit"), yes_no(j.value("awaiting_commit", false))}});
}

// People read names where the API gives ids: one listing of `collection` ("users",
// "printers") maps each id to its `name_key`. Unknown or unreadable ids stay as they are.
std::map<std::string, std::string> names_by_id(api_client::ApiClient& client,
                                               const std::string& collection,
                                               const char* name_key) {
  std::map<std::string, std::string> names;
  auto answer = client.request("GET", "/" + collection);
  if (!answer.ok()) return names;
  for (const auto& item : answer->body.value(collection, nlohmann::json::array())) {
    names[field_text(item, "id")] = field_text(item, name_key);
  }
  return names;
}

std::string name_or_id(const std::map<std::string, std::string>& names, const std::string& id) {
  const auto found = names.find(id);
  return found == names.end() ? id : found->second;
}

void print_refund(const nlohmann::json& j) {
  const auto entry = j.value("entry", nlohmann::json::object());
  print_fields(std::cout,
               {{tr("job"), field_text(entry, "job_uuid")},
                {tr("refunded"), money(model::integer_or(entry, "amount_cents", std::int64_t{0}))},
                {tr("reason"), field_text(entry, "note")},
                {tr("owner id"), field_text(entry, "user_id")},
                {tr("balance now"),
                 money(model::integer_or(j, "balance_cents", std::int64_t{0}))}});
}

}  // namespace

void add_admin_jobs_command(CLI::App& parent, AdminCommand& admin) {
  CLI::App* jobs = parent.add_subcommand("jobs", tr("Everyone's print jobs"));
  jobs->require_subcommand(1);

  auto args = std::make_shared<JobArguments>();
  CLI::App* list = jobs->add_subcommand("list", tr("List jobs, newest first"));
  list->add_option("--user", args->user, tr("Only this user's jobs (login or id)"));
  list->add_option("--printer", args->printer, tr("Only jobs on this printer (name or id)"));
  list->add_option("--origin", args->origin, tr("server or fallback"))
      ->check(CLI::IsMember({"server", "fallback"}));
  list->add_option("--state", args->state,
                   tr("pending, held, printing, printed, failed or cancelled"));
  list->add_option("--from", args->from, tr("Submitted at or after, e.g. 2026-11-01T00:00:00Z"));
  list->add_option("--to", args->to, tr("Submitted before"));
  list->add_option("--limit", args->limit, tr("At most this many (1-1000, default 100)"));
  list->add_option("--offset", args->offset, tr("Skip this many"));
  admin.on_run(list, [&admin, args](api_client::ApiClient& client) {
    const std::string query = api_client::query_string({{"user", args->user},
                                                        {"printer", args->printer},
                                                        {"origin", args->origin},
                                                        {"state", args->state},
                                                        {"from", args->from},
                                                        {"to", args->to},
                                                        {"limit", args->limit},
                                                        {"offset", args->offset}});
    return admin.finish(
        client.request("GET", "/jobs" + query), [&client](const nlohmann::json& body) {
          const auto users = names_by_id(client, "users", "login");
          const auto printers = names_by_id(client, "printers", "name");
          Table table({tr("SUBMITTED"), tr("UUID"), tr("OWNER"), tr("PRINTER"), tr("ORIGIN"),
                       tr("STATE"), tr("PAGES"), tr("COPIES"), tr("COST"), tr("ASKED"),
                       tr("TITLE")});
          for (const auto& j : body.value("jobs", nlohmann::json::array())) {
            const std::string state = server_state_text(field_text(j, "state"));
            table.add_row(
                {time_field_text(j, "submitted_at"), field_text(j, "uuid"),
                 name_or_id(users, field_text(j, "owner_id")),
                 name_or_id(printers, field_text(j, "printer_id")),
                 origin_text(field_text(j, "origin")) +
                     (j.value("may_be_counted_twice", false) ? "*" : ""),
                 j.value("printed_twice", false)
                     ? trf("{state} (twice)", fmt::arg("state", state))
                     : state,
                 field_text(j, "pages"), field_text(j, "copies"),
                 money(model::integer_or(j, "cost_cents", std::int64_t{0})),
                 j.value("ticket_text", std::string("-")), field_text(j, "title")});
          }
          table.print(std::cout);
        });
  });

  auto show_args = std::make_shared<JobArguments>();
  CLI::App* show = jobs->add_subcommand("show", tr("Show one job by UUID"));
  show->add_option("UUID", show_args->uuid, tr("The job's UUID"))->required();
  admin.on_run(show, [&admin, show_args](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", object_path("jobs", show_args->uuid)), print_job);
  });

  auto release_args = std::make_shared<JobArguments>();
  CLI::App* release = jobs->add_subcommand("release", tr("Release a held job to a printer"));
  release->add_option("UUID", release_args->uuid, tr("The job's UUID"))->required();
  release->add_option("--printer", release_args->release_printer, tr("Printer name or id"))
      ->required();
  admin.on_run(release, [&admin, release_args](api_client::ApiClient& client) {
    const std::string& printer = release_args->release_printer;
    const bool is_id =
        !printer.empty() && printer.find_first_not_of("0123456789") == std::string::npos;
    const nlohmann::json body = {
        {"printer", is_id ? nlohmann::json(std::stoll(printer)) : nlohmann::json(printer)}};
    return admin.finish(
        client.request("POST", object_path("jobs", release_args->uuid) + "/release", body),
        print_job);
  });

  auto cancel_args = std::make_shared<JobArguments>();
  CLI::App* cancel = jobs->add_subcommand("cancel", tr("Cancel a job that has not printed"));
  cancel->add_option("UUID", cancel_args->uuid, tr("The job's UUID"))->required();
  admin.on_run(cancel, [&admin, cancel_args](api_client::ApiClient& client) {
    return admin.finish(client.request("POST", object_path("jobs", cancel_args->uuid) + "/cancel"),
                        print_job);
  });

  auto refund_args = std::make_shared<JobArguments>();
  CLI::App* refund = jobs->add_subcommand("refund", tr("Give a charged job's cost back (once)"));
  refund->add_option("UUID", refund_args->uuid, tr("The job's UUID"))->required();
  refund->add_option("--reason", refund_args->reason, tr("Why (kept in the ledger and audit log)"))
      ->required();
  admin.on_run(refund, [&admin, refund_args](api_client::ApiClient& client) {
    const nlohmann::json body = {{"reason", refund_args->reason}};
    return admin.finish(
        client.request("POST", object_path("jobs", refund_args->uuid) + "/refund", body),
        print_refund);
  });
}

}  // namespace printline::cli
