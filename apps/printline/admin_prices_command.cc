// `printline admin prices show|set`: the price list (per page, mono/colour × paper, duplex).

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "admin_command.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "model/json.h"
#include "model/price_list.h"
#include "option_helpers.h"
#include "output.h"

namespace printline::cli {

namespace {

struct PriceArguments {
  std::vector<std::string> prices;  // "A4:mono=0.10"
  std::optional<int> duplex_discount;
  bool replace = false;
  std::string file;
};

void print_price_list(const nlohmann::json& list) {
  Table table({tr("PAPER"), tr("COLOUR"), tr("PER PAGE")});
  for (const auto& p : list.value("prices", nlohmann::json::array())) {
    table.add_row({field_text(p, "paper"), p.value("color", false) ? tr("colour") : tr("mono"),
                   money(model::integer_or(p, "cents_per_page", std::int64_t{0}))});
  }
  table.print(std::cout);
  std::cout << trf("Duplex discount: {percent} %",
                   fmt::arg("percent", field_text(list, "duplex_discount_percent")))
            << "\n";
}

// "A4:mono=0.10" or "A3:colour=1.20" into the list, replacing the same paper and colour.
std::optional<std::string> apply_price(const std::string& text, model::PriceList& list) {
  const auto colon = text.find(':');
  const auto equals = text.find('=');
  const std::string usage = trf(
      "\"{price}\" is not a price: write PAPER:mono=AMOUNT or PAPER:colour=AMOUNT, e.g. "
      "A4:mono=0.10",
      fmt::arg("price", text));
  if (colon == std::string::npos || equals == std::string::npos || equals < colon) return usage;
  const std::string paper_text = text.substr(0, colon);
  const std::string colour_text = text.substr(colon + 1, equals - colon - 1);
  if (colour_text != "mono" && colour_text != "color" && colour_text != "colour") return usage;
  const bool color = colour_text != "mono";
  auto paper = model::parse_json<model::PaperSize>(nlohmann::json(paper_text));
  if (!paper.ok()) {
    return trf("Unknown paper \"{paper}\": use A5 A4 A3 A2 A1 A0 Letter Legal Tabloid",
               fmt::arg("paper", paper_text));
  }
  const std::string amount = text.substr(equals + 1);
  const auto cents = parse_money(text.substr(equals + 1));
  if (!cents || *cents < 0) return usage;
  for (auto& price : list.prices) {
    if (price.paper == *paper && price.color == color) {
      price.cents_per_page = *cents;
      return std::nullopt;
    }
  }
  list.prices.push_back({*paper, color, *cents});
  return std::nullopt;
}

}  // namespace

void add_admin_prices_command(CLI::App& parent, AdminCommand& admin) {
  CLI::App* prices = parent.add_subcommand("prices", tr("The price list"));
  prices->require_subcommand(1);

  CLI::App* show = prices->add_subcommand("show", tr("Show the price list"));
  admin.on_run(show, [&admin](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", "/price-list"), print_price_list);
  });

  auto args = std::make_shared<PriceArguments>();
  CLI::App* set = prices->add_subcommand(
      "set", tr("Change prices: the given entries replace those of the same paper and colour"));
  set->add_option("--price", args->prices,
                  tr("PAPER:mono=AMOUNT or PAPER:colour=AMOUNT per page, "
                     "repeatable, e.g. --price A4:mono=0.10"));
  set->add_option("--duplex-discount", args->duplex_discount,
                  tr("Duplex discount in percent, 0-100"));
  set->add_flag("--replace", args->replace,
                tr("Start from an empty list instead of the current one"));
  set->add_option("--file", args->file, tr("A whole price list as JSON (docs/api.md shape)"))
      ->check(CLI::ExistingFile);
  admin.on_run(set, [&admin, args](api_client::ApiClient& client) {
    model::PriceList list;
    if (!args->file.empty()) {
      std::ifstream in(args->file);
      const auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
      auto parsed = model::parse_json<model::PriceList>(j);
      if (!parsed.ok()) {
        return admin.fail(trf("{file} is not a price list: {reason}", fmt::arg("file", args->file),
                              fmt::arg("reason", parsed.error().message)),
                          kUsage);
      }
      list = *parsed;
    } else if (!args->replace) {
      auto current = client.request("GET", "/price-list");
      if (!current.ok()) return admin.fail(current.error());
      auto parsed = model::parse_json<model::PriceList>(current->body);
      if (!parsed.ok()) {
        return admin.fail(
            trf("The server's price list: {reason}", fmt::arg("reason", parsed.error().message)),
            kFailure);
      }
      list = *parsed;
    }
    for (const std::string& price : args->prices) {
      if (auto problem = apply_price(price, list)) return admin.fail(*problem, kUsage);
    }
    if (args->duplex_discount) list.duplex_discount_percent = *args->duplex_discount;
    if (args->file.empty() && args->prices.empty() && !args->duplex_discount) {
      return admin.fail(tr("Nothing to change: give --price, --duplex-discount or --file."),
                        kUsage);
    }
    return admin.finish(client.request("PUT", "/price-list", nlohmann::json(list)),
                        [](const nlohmann::json& saved) {
                          std::cout << tr("Price list saved.") << "\n";
                          print_price_list(saved);
                        });
  });
}

}  // namespace printline::cli
