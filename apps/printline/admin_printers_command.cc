// `printline admin printers …`: print devices, their fallback attributes and the Kyocera
// device spooling port (FP-9), the language RAW/LPR printers are sent and what they can do (D11).

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "admin_command.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "option_helpers.h"
#include "output.h"

namespace printline::cli {

namespace {

struct PrinterArguments {
  std::string printer;  // reference, or the new name
  std::optional<std::string> name, device_uri, paper, vendor, location, language;
  std::optional<bool> color, duplex, fallback_allowed;
  std::optional<std::string> spool_protocol, spool_queue;
  std::optional<int> spool_port;
  bool no_spooling_port = false;
};

std::string port_text(const nlohmann::json& port) {
  if (!port.is_object()) return "-";
  const std::string queue = port.value("queue", "");
  if (queue.empty()) {
    return trf("{protocol} port {port}", fmt::arg("protocol", field_text(port, "protocol")),
               fmt::arg("port", field_text(port, "port")));
  }
  return trf("{protocol} port {port} queue {queue}",
             fmt::arg("protocol", field_text(port, "protocol")),
             fmt::arg("port", field_text(port, "port")), fmt::arg("queue", queue));
}

std::string list_text(const nlohmann::json& list) {
  std::string text;
  if (!list.is_array()) return "-";
  for (const auto& item : list) {
    if (!item.is_string()) continue;
    if (!text.empty()) text += ",";
    text += item.get<std::string>();
  }
  return text.empty() ? "-" : text;
}

// The sizes it takes, or "up to <largest>" when none are listed.
std::string paper_sizes_text(const nlohmann::json& p) {
  const std::string listed = list_text(p.value("paper_sizes", nlohmann::json()));
  return listed != "-" ? listed
                        : trf("up to {paper}", fmt::arg("paper", field_text(p, "largest_paper")));
}

void print_printer(const nlohmann::json& p) {
  print_fields(std::cout,
               {{tr("id"), field_text(p, "id")},
                {tr("name"), field_text(p, "name")},
                {tr("device URI"), field_text(p, "device_uri")},
                {tr("colour"), yes_no(p.value("color", false))},
                {tr("print language"), p.value("language", "auto")},
                {tr("largest paper"), field_text(p, "largest_paper")},
                {tr("paper sizes"), paper_sizes_text(p)},
                {tr("large format"), yes_no(p.value("large_format", false))},
                {tr("duplex"), yes_no(p.value("duplex", false))},
                {tr("vendor"), field_text(p, "vendor")},
                {tr("location"), field_text(p, "location")},
                {tr("fallback allowed"), yes_no(p.value("fallback_allowed", true))},
                {tr("spooling port"), port_text(p.value("spooling_port", nlohmann::json()))},
                {tr("document formats"),
                 list_text(p.value("document_formats", nlohmann::json()))}});
}

void add_printer_field_options(CLI::App* command, PrinterArguments& args) {
  command->add_option(
      "--uri", args.device_uri,
      tr("Device URI: socket://host:9100, lpd://host/queue, ipp://host/ipp/print, ipps://…"));
  add_switch(*command, "--color", "--mono", args.color,
             tr("Colour printer (--mono: black & white)"));
  command->add_option(
      "--paper", args.paper,
      tr("Paper: one size is the largest it takes (A5 A4 A3 A2 A1 A0 Letter Legal "
         "Tabloid); several, comma-separated (A4,A3), are exactly the sizes it takes"));
  command
      ->add_option("--language", args.language,
                   tr("What a RAW/LPR printer is sent: auto (as the document is), pdf, postscript, "
                      "pcl-xl or pcl5 (converted by Ghostscript)"))
      ->check(CLI::IsMember({"auto", "pdf", "postscript", "pcl-xl", "pcl5"}));
  add_switch(*command, "--duplex", "--no-duplex", args.duplex, tr("Prints on both sides"));
  command->add_option("--vendor", args.vendor,
                      tr("Vendor; Kyocera enables the device spooling port rules"));
  command->add_option("--location", args.location, tr("Where it stands"));
  add_switch(*command, "--fallback-allowed", "--no-fallback", args.fallback_allowed,
             tr("May be used for fallback printing"));
  command
      ->add_option("--spool-protocol", args.spool_protocol,
                   tr("Kyocera device spooling port protocol: raw, lpr or ipp"))
      ->check(CLI::IsMember({"raw", "lpr", "ipp", "RAW", "LPR", "IPP"}));
  command->add_option("--spool-port", args.spool_port, tr("Kyocera device spooling TCP port"));
  command->add_option("--spool-queue", args.spool_queue, tr("Kyocera device spooling queue (LPR)"));
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

void printer_fields(const PrinterArguments& args, nlohmann::json& body) {
  if (args.name) body["name"] = *args.name;
  if (args.device_uri) body["device_uri"] = *args.device_uri;
  if (args.color) body["color"] = *args.color;
  if (args.paper) {
    std::vector<std::string> sizes;
    std::string rest = *args.paper;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      if (auto size = rest.substr(0, comma); !size.empty()) sizes.push_back(size);
      rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    }
    if (sizes.size() == 1) {
      body["largest_paper"] = sizes.front();
      body["paper_sizes"] = nlohmann::json::array();
    } else {
      body["paper_sizes"] = sizes;  // the server takes the largest of them as largest paper
    }
  }
  if (args.language) body["language"] = *args.language;
  if (args.duplex) body["duplex"] = *args.duplex;
  if (args.vendor) body["vendor"] = *args.vendor;
  if (args.location) body["location"] = *args.location;
  if (args.fallback_allowed) body["fallback_allowed"] = *args.fallback_allowed;
  if (args.no_spooling_port) {
    body["spooling_port"] = nullptr;
  } else if (args.spool_protocol || args.spool_port || args.spool_queue) {
    const std::string protocol = upper(args.spool_protocol.value_or("LPR"));
    const int default_port = protocol == "RAW" ? 9100 : protocol == "IPP" ? 631 : 515;
    body["spooling_port"] = {{"protocol", protocol},
                             {"port", args.spool_port.value_or(default_port)},
                             {"queue", args.spool_queue.value_or("")}};
  }
}

}  // namespace

void add_admin_printers_command(CLI::App& parent, AdminCommand& admin) {
  CLI::App* printers =
      parent.add_subcommand("printers", tr("Printers and their fallback attributes"));
  printers->require_subcommand(1);

  CLI::App* list = printers->add_subcommand("list", tr("List every printer"));
  admin.on_run(list, [&admin](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", "/printers"), [](const nlohmann::json& body) {
      Table table({tr("ID"), tr("NAME"), tr("DEVICE URI"), tr("LANGUAGE"), tr("COLOUR"),
                   tr("DUPLEX"), tr("PAPER"), tr("VENDOR"), tr("LOCATION"), tr("FALLBACK"),
                   tr("SPOOLING PORT")});
      for (const auto& p : body.value("printers", nlohmann::json::array())) {
        table.add_row({field_text(p, "id"), field_text(p, "name"), field_text(p, "device_uri"),
                       p.value("language", "auto"), yes_no(p.value("color", false)),
                       yes_no(p.value("duplex", false)), paper_sizes_text(p),
                       field_text(p, "vendor"), field_text(p, "location"),
                       yes_no(p.value("fallback_allowed", true)),
                       port_text(p.value("spooling_port", nlohmann::json()))});
      }
      table.print(std::cout);
    });
  });

  auto show_args = std::make_shared<PrinterArguments>();
  CLI::App* show = printers->add_subcommand("show", tr("Show one printer"));
  show->add_option("PRINTER", show_args->printer, tr("Name or id"))->required();
  admin.on_run(show, [&admin, show_args](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", object_path("printers", show_args->printer)),
                        print_printer);
  });

  auto create_args = std::make_shared<PrinterArguments>();
  CLI::App* create = printers->add_subcommand("create", tr("Add a printer"));
  create->alias("add");
  create->add_option("NAME", create_args->printer, tr("Printer name"))->required();
  add_printer_field_options(create, *create_args);
  create->get_option("--uri")->required();
  admin.on_run(create, [&admin, create_args](api_client::ApiClient& client) {
    nlohmann::json body = {{"name", create_args->printer}};
    printer_fields(*create_args, body);
    return admin.finish(client.request("POST", "/printers", body), [](const nlohmann::json& p) {
      std::cout << trf("Created printer {name} (id {id}).",
                       fmt::arg("name", field_text(p, "name")), fmt::arg("id", field_text(p, "id")))
                << "\n";
    });
  });

  auto update_args = std::make_shared<PrinterArguments>();
  CLI::App* update = printers->add_subcommand("update", tr("Change a printer"));
  update->alias("set");
  update->add_option("PRINTER", update_args->printer, tr("Name or id"))->required();
  update->add_option("--name", update_args->name, tr("New name"));
  add_printer_field_options(update, *update_args);
  update->add_flag("--no-spooling-port", update_args->no_spooling_port,
                   tr("Remove the Kyocera device spooling port"));
  admin.on_run(update, [&admin, update_args](api_client::ApiClient& client) {
    nlohmann::json body = nlohmann::json::object();
    printer_fields(*update_args, body);
    if (body.empty()) return admin.fail(tr("Nothing to change: give at least one option."), kUsage);
    return admin.finish(
        client.request("PATCH", object_path("printers", update_args->printer), body),
        print_printer);
  });

  auto ask_args = std::make_shared<PrinterArguments>();
  CLI::App* ask = printers->add_subcommand(
      "capabilities", tr("Ask an IPP printer what it can do and keep its answer"));
  ask->add_option("PRINTER", ask_args->printer, tr("Name or id"))->required();
  admin.on_run(ask, [&admin, ask_args](api_client::ApiClient& client) {
    return admin.finish(
        client.request("POST", object_path("printers", ask_args->printer) + "/capabilities",
                       nlohmann::json::object()),
        print_printer);
  });

  auto delete_args = std::make_shared<PrinterArguments>();
  CLI::App* remove = printers->add_subcommand("delete", tr("Delete a printer"));
  remove->add_option("PRINTER", delete_args->printer, tr("Name or id"))->required();
  admin.on_run(remove, [&admin, delete_args](api_client::ApiClient& client) {
    return admin.finish(client.request("DELETE", object_path("printers", delete_args->printer)),
                        [&](const nlohmann::json&) {
                          std::cout << trf("Deleted printer {name}.",
                                           fmt::arg("name", delete_args->printer))
                                    << "\n";
                        });
  });
}

}  // namespace printline::cli
