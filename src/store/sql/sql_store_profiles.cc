// The price list and the Desktop Client profiles.

#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.h"
#include "model/json.h"
#include "model/profile_validation.h"
#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

using model::ClientProfile;
using model::PriceList;

Result<PriceList> SqlStore::price_list() {
  return read([&] {
    PriceList list;
    {
      auto q = db().query("SELECT duplex_discount_percent FROM price_settings WHERE id = 1");
      if (q.step()) list.duplex_discount_percent = static_cast<int>(q.integer(0));
    }
    auto q =
        db().query("SELECT paper, color, cents_per_page FROM prices ORDER BY paper, color");
    while (q.step()) {
      list.prices.push_back({model::paper_from_name(q.text(0)).value_or(model::PaperSize::kA4),
                             q.boolean(1), q.integer(2)});
    }
    return list;
  });
}

Status SqlStore::set_price_list(const PriceList& prices, const Actor& actor) {
  if (auto problem = model::price_list_problem(prices)) return Error{problem->message};
  return write([&] {
    db().exec("DELETE FROM prices");
    for (const auto& p : prices.prices) {
      db().query("INSERT INTO prices (paper, color, cents_per_page) VALUES (?, ?, ?)")
          .bind_all(model::paper_name(p.paper), p.color, p.cents_per_page)
          .run();
      fault("set_price_list:row");
    }
    db().query("UPDATE price_settings SET duplex_discount_percent = ? WHERE id = 1")
        .bind_all(prices.duplex_discount_percent)
        .run();
    audit(actor, "update", "price-list", "price list", nlohmann::json(prices).dump());
    return std::monostate{};
  });
}

// Profiles -------------------------------------------------------------------------------

namespace {

// Everything but the columns the store manages goes into the settings document.
std::string settings_of(const ClientProfile& profile) {
  nlohmann::json j = profile;
  j.erase("id");
  j.erase("name");
  j.erase("is_default");
  j.erase("version");
  return j.dump();
}

}  // namespace

std::optional<ClientProfile> SqlStore::load_profile(std::int64_t profile_id) {
  auto q = db().query(
      "SELECT id, name, is_default, version, settings FROM client_profiles WHERE id = ?");
  q.bind_all(profile_id);
  if (!q.step()) return std::nullopt;
  auto j = nlohmann::json::parse(q.text(4), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    throw Refusal{fmt::format("profile {} has unreadable settings", profile_id)};
  j["name"] = q.text(1);
  auto profile = model::parse_json<ClientProfile>(j);
  if (!profile) throw Refusal{fmt::format("profile {}: {}", profile_id, profile.error().message)};
  profile->id = q.integer(0);
  profile->is_default = q.boolean(2);
  profile->version = q.integer(3);
  return *profile;
}

SavedProfile SqlStore::save_profile(const ClientProfile& profile, bool create, const Actor& actor) {
  // Resolve the fallback printers as the client will see them, then run the D8 check.
  const auto& fallback = profile.fallback;
  std::vector<model::Printer> printers;
  std::vector<std::int64_t> ids = fallback.printer_ids;
  if (fallback.group_id && fallback.printer_ids.empty()) {
    auto group = load_group(*fallback.group_id);
    if (!group)
      throw Refusal{trf("fallback printer group {id} does not exist",
                        fmt::arg("id", *fallback.group_id))};
    ids = group->printer_ids;
  }
  for (auto id : ids) {
    auto printer = load_printer(id);
    if (!printer) throw Refusal{trf("fallback printer {id} does not exist", fmt::arg("id", id))};
    printers.push_back(*printer);
  }
  const auto check = model::check_profile(profile, printers);
  if (!check.ok()) {
    throw Refusal{std::string(tr("the profile was not saved:")) + "\n" + check.summary()};
  }

  ClientProfile stored = profile;
  if (stored.is_default) {
    db()
        .query(
            "UPDATE client_profiles SET is_default = 0, version = version + 1 "
            "WHERE is_default = 1 AND id != ?")
        .bind_all(stored.id)
        .run();
  }
  if (create) {
    stored.version = 1;
    auto q = db().query(
        "INSERT INTO client_profiles (name, is_default, version, settings) VALUES (?, ?, ?, ?) "
        "RETURNING id");
    q.bind_all(stored.name, stored.is_default, stored.version, settings_of(stored));
    stored.id =
        *insert_or_refuse(q, trf("a profile named \"{profile}\" already exists",
                                 fmt::arg("profile", stored.name)));
  } else {
    auto existing = load_profile(stored.id);
    if (!existing) {
      throw Refusal{trf("there is no profile with id {id}", fmt::arg("id", stored.id))};
    }
    // Every change gets a new version so that clients notice it (ETag).
    stored.version = existing->version + 1;
    auto q = db().query(
        "UPDATE client_profiles SET name = ?, is_default = ?, version = ?, settings = ? "
        "WHERE id = ?");
    q.bind_all(stored.name, stored.is_default, stored.version, settings_of(stored), stored.id);
    run_or_refuse(q, trf("a profile named \"{profile}\" already exists",
                         fmt::arg("profile", stored.name)));
  }
  audit(actor, create ? "create" : "update", "profile", stored.name, nlohmann::json(stored).dump());
  SavedProfile saved{stored, {}};
  for (const auto& w : check.warnings) saved.warnings.push_back(w.field + ": " + w.message);
  return saved;
}

Result<SavedProfile> SqlStore::create_profile(const ClientProfile& profile, const Actor& actor) {
  return write([&] { return save_profile(profile, /*create=*/true, actor); });
}

Result<SavedProfile> SqlStore::update_profile(const ClientProfile& profile, const Actor& actor) {
  return write([&] { return save_profile(profile, /*create=*/false, actor); });
}

Status SqlStore::delete_profile(std::int64_t profile_id, const Actor& actor) {
  return write([&] {
    auto profile = load_profile(profile_id);
    if (!profile) {
      throw Refusal{trf("there is no profile with id {id}", fmt::arg("id", profile_id))};
    }
    db().query("DELETE FROM client_profiles WHERE id = ?").bind_all(profile_id).run();
    audit(actor, "delete", "profile", profile->name, "");
    return std::monostate{};
  });
}

Result<std::optional<ClientProfile>> SqlStore::find_profile(std::int64_t profile_id) {
  return read([&] { return load_profile(profile_id); });
}

std::vector<ClientProfile> SqlStore::load_profiles() {
  std::vector<std::int64_t> ids;
  {
    auto q = db().query("SELECT id FROM client_profiles ORDER BY name");
    while (q.step()) ids.push_back(q.integer(0));
  }
  std::vector<ClientProfile> profiles;
  for (auto id : ids) profiles.push_back(*load_profile(id));
  return profiles;
}

Result<std::vector<ClientProfile>> SqlStore::list_profiles() {
  return read([&] { return load_profiles(); });
}

}  // namespace printline::store::sql
