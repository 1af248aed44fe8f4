// `printline admin users …`: accounts, roles, passwords, PINs, credit and quota.

#include <iostream>
#include <memory>
#include <optional>

#include "admin_command.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "model/json_number.h"
#include "option_helpers.h"
#include "output.h"
#include "password_input.h"
#include "quota_options.h"

namespace printline::cli {

namespace {

struct UserArguments {
  std::string user;  // the reference (id or login), or the new login
  std::optional<std::string> name, email, role, language;
  std::optional<bool> pays_with_credit;
  std::optional<bool> disabled;
  QuotaArguments quota;
  std::string password_file;
  std::string amount;
  std::string note;
  std::optional<std::string> secret;  // set-pin, set-card
  bool remove_secret = false;
};

// The user's own quota, else their group's, named.
std::string user_quota_text(const nlohmann::json& user) {
  const auto own = user.value("quota", nlohmann::json());
  const auto of_group = user.value("group_quota", nlohmann::json());
  if (own.is_object() || !of_group.is_object()) return quota_text(own);
  return trf("{quota} (group {group})", fmt::arg("quota", quota_text(of_group)),
             fmt::arg("group", field_text(user, "quota_group")));
}

// A ledger entry's kind (the API's keyword) for people (glossary: débit, remboursement,
// rechargement).
std::string ledger_kind_text(const std::string& kind) {
  if (kind == "charge") return tr("charge");
  if (kind == "refund") return tr("refund");
  if (kind == "top-up") return tr("top-up");
  return kind;
}

void print_user(const nlohmann::json& user) {
  print_fields(std::cout,
               {{tr("id"), field_text(user, "id")},
                {tr("login"), field_text(user, "login")},
                {tr("name"), field_text(user, "name")},
                {tr("email"), field_text(user, "email")},
                {tr("role"), field_text(user, "role")},
                {tr("balance"), money(model::integer_or(user, "balance_cents", std::int64_t{0}))},
                {tr("pays with credit"), yes_no(user.value("pays_with_credit", true))},
                {tr("quota"), user_quota_text(user)},
                {tr("PIN set"), yes_no(user.value("has_pin", false))},
                {tr("badge set"), yes_no(user.value("has_card", false))},
                {tr("language"), field_text(user, "language")},
                {tr("directory"), field_text(user, "source")},
                {tr("account disabled"), yes_no(user.value("disabled", false))},
                {tr("groups"), joined(user.value("groups", nlohmann::json::array()))}});
}

// Options shared by create and update; only what was given goes into the request.
void add_user_field_options(CLI::App* command, UserArguments& args) {
  command->add_option("--name", args.name, tr("Full name"));
  command->add_option("--email", args.email, tr("E-mail address"));
  command->add_option("--role", args.role, tr("user or admin"))
      ->check(CLI::IsMember({"user", "admin"}));
  add_switch(*command, "--pays-with-credit", "--no-credit", args.pays_with_credit,
             tr("Charge jobs against the user's credit (--no-credit: quota only)"));
  add_quota_options(command, args.quota);
  command->add_option("--language", args.language,
                      tr("Language of the texts the user sees: en, fr, or \"\" for their own "
                         "browser's or workstation's"))
      ->check(CLI::IsMember({"", "en", "fr"}));
}

// Builds the writable fields over `current_quota` (the stored quota on update, so that
// `--quota-pages` alone keeps the period and cost limit); an error message when a value is
// wrong.
std::optional<std::string> user_fields(const UserArguments& args, nlohmann::json& body,
                                       const nlohmann::json& current_quota = nullptr) {
  if (args.name) body["name"] = *args.name;
  if (args.email) body["email"] = *args.email;
  if (args.role) body["role"] = *args.role;
  if (args.pays_with_credit) body["pays_with_credit"] = *args.pays_with_credit;
  if (args.language) body["language"] = *args.language;
  if (args.disabled) body["disabled"] = *args.disabled;
  if (auto problem = quota_field(args.quota, body, current_quota)) return problem;
  return std::nullopt;
}

// `set-pin USER PIN|--remove`, `set-card USER CARD|--remove`: one of the user's secrets.
struct SecretCommand {
  const char* name;   // the subcommand
  const char* field;  // the route and the JSON field: /users/U/<field> {"<field>": …}
  std::string description, value_help, remove_help;
};

// The outcome line of set-pin and set-card.
std::string secret_outcome(const std::string& field, bool removed, const std::string& user) {
  if (field == "pin") {
    return removed ? trf("PIN of {user} removed.", fmt::arg("user", user))
                   : trf("PIN of {user} set.", fmt::arg("user", user));
  }
  return removed ? trf("Badge of {user} removed.", fmt::arg("user", user))
                 : trf("Badge of {user} set.", fmt::arg("user", user));
}

void add_secret_command(CLI::App& users, AdminCommand& admin, const SecretCommand& spec) {
  auto args = std::make_shared<UserArguments>();
  CLI::App* command = users.add_subcommand(spec.name, spec.description);
  command->add_option("USER", args->user, tr("Login or id"))->required();
  command->add_option("VALUE", args->secret, spec.value_help);
  command->add_flag("--remove", args->remove_secret, spec.remove_help);
  admin.on_run(command, [&admin, args, spec](api_client::ApiClient& client) {
    if (args->secret.has_value() == args->remove_secret) {
      return admin.fail(tr("Give either a value or --remove."), kUsage);
    }
    const nlohmann::json value =
        args->remove_secret ? nlohmann::json(nullptr) : nlohmann::json(*args->secret);
    return admin.finish(
        client.request("POST", object_path("users", args->user) + "/" + spec.field,
                       nlohmann::json{{spec.field, value}}),
        [&](const nlohmann::json&) {
          std::cout << secret_outcome(spec.field, args->remove_secret, args->user) << "\n";
        });
  });
}

}  // namespace

void add_admin_users_command(CLI::App& parent, AdminCommand& admin) {
  CLI::App* users =
      parent.add_subcommand("users", tr("User accounts, roles, passwords, credit, quota"));
  users->require_subcommand(1);

  CLI::App* list = users->add_subcommand("list", tr("List every user"));
  admin.on_run(list, [&admin](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", "/users"), [](const nlohmann::json& body) {
      Table table({tr("ID"), tr("LOGIN"), tr("NAME"), tr("ROLE"), tr("BALANCE"), tr("CREDIT"),
                   tr("QUOTA"), tr("DIRECTORY")});
      for (const auto& u : body.value("users", nlohmann::json::array())) {
        std::string directory = field_text(u, "source");
        if (u.value("disabled", false)) {
          directory = trf("{directory} (disabled)", fmt::arg("directory", directory));
        }
        table.add_row({field_text(u, "id"), field_text(u, "login"), field_text(u, "name"),
                       field_text(u, "role"),
                       money(model::integer_or(u, "balance_cents", std::int64_t{0})),
                       yes_no(u.value("pays_with_credit", true)),
                       user_quota_text(u), directory});
      }
      table.print(std::cout);
    });
  });

  auto show_args = std::make_shared<UserArguments>();
  CLI::App* show = users->add_subcommand("show", tr("Show one user"));
  show->add_option("USER", show_args->user, tr("Login or id"))->required();
  admin.on_run(show, [&admin, show_args](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", object_path("users", show_args->user)), print_user);
  });

  auto create_args = std::make_shared<UserArguments>();
  CLI::App* create = users->add_subcommand(
      "create",
      tr("Create a user (password from --password-file, $PRINTLINE_USER_PASSWORD or a prompt)"));
  create->add_option("LOGIN", create_args->user, tr("Login name"))->required();
  add_user_field_options(create, *create_args);
  create->add_option("--password-file", create_args->password_file,
                     tr("File whose first line is the new user's password ('-': standard input)"));
  admin.on_run(create, [&admin, create_args](api_client::ApiClient& client) {
    nlohmann::json body = {{"login", create_args->user}};
    if (auto problem = user_fields(*create_args, body)) return admin.fail(*problem, kUsage);
    auto password =
        read_password({create_args->password_file, "PRINTLINE_USER_PASSWORD",
                       trf("Password for {user}: ", fmt::arg("user", create_args->user))});
    if (!password.ok()) return admin.fail(password.error().message, kUsage);
    body["password"] = *password;
    return admin.finish(client.request("POST", "/users", body), [](const nlohmann::json& user) {
      std::cout << trf("Created user {login} (id {id}).",
                       fmt::arg("login", field_text(user, "login")),
                       fmt::arg("id", field_text(user, "id")))
                << "\n";
    });
  });

  auto update_args = std::make_shared<UserArguments>();
  CLI::App* update =
      users->add_subcommand("update", tr("Change a user's name, e-mail, role, credit or quota"));
  update->add_option("USER", update_args->user, tr("Login or id"))->required();
  add_user_field_options(update, *update_args);
  update->add_flag("--no-quota", update_args->quota.none,
                   tr("Remove the user's quota (their group's then applies, if it has one)"));
  add_switch(*update, "--disable", "--enable", update_args->disabled,
             tr("Disable the account (its jobs and ledger stay; it can no longer log in) or "
                "enable it again"));
  admin.on_run(update, [&admin, update_args](api_client::ApiClient& client) {
    nlohmann::json current_quota;
    const UserArguments& args = *update_args;
    if (args.quota.sets_limits()) {
      auto current = client.request("GET", object_path("users", args.user));
      if (!current.ok()) return admin.fail(current.error());
      current_quota = current->body.value("quota", nlohmann::json());
    }
    nlohmann::json body = nlohmann::json::object();
    if (auto problem = user_fields(args, body, current_quota)) return admin.fail(*problem, kUsage);
    if (body.empty()) return admin.fail(tr("Nothing to change: give at least one option."), kUsage);
    return admin.finish(client.request("PATCH", object_path("users", update_args->user), body),
                        print_user);
  });

  auto delete_args = std::make_shared<UserArguments>();
  CLI::App* remove = users->add_subcommand("delete", tr("Delete a user"));
  remove->add_option("USER", delete_args->user, tr("Login or id"))->required();
  admin.on_run(remove, [&admin, delete_args](api_client::ApiClient& client) {
    return admin.finish(
        client.request("DELETE", object_path("users", delete_args->user)),
        [&](const nlohmann::json&) {
          std::cout << trf("Deleted user {login}.", fmt::arg("login", delete_args->user)) << "\n";
        });
  });

  auto top_up_args = std::make_shared<UserArguments>();
  CLI::App* top_up = users->add_subcommand("top-up", tr("Add credit to a user's balance"));
  top_up->add_option("USER", top_up_args->user, tr("Login or id"))->required();
  top_up->add_option("AMOUNT", top_up_args->amount, tr("Amount, e.g. 10 or 12.50"))->required();
  top_up->add_option("--note", top_up_args->note, tr("Note for the ledger, e.g. cash"));
  admin.on_run(top_up, [&admin, top_up_args](api_client::ApiClient& client) {
    const auto cents = parse_money(top_up_args->amount);
    if (!cents || *cents <= 0) {
      return admin.fail(tr("The amount must be positive, like 10 or 12.50."), kUsage);
    }
    nlohmann::json body = {{"amount_cents", *cents}};
    if (!top_up_args->note.empty()) body["note"] = top_up_args->note;
    return admin.finish(
        client.request("POST", object_path("users", top_up_args->user) + "/top-up", body),
        [](const nlohmann::json& answer) {
          const auto& user = answer.value("user", nlohmann::json::object());
          const auto& entry = answer.value("entry", nlohmann::json::object());
          std::cout << trf("Added {amount} to {login}; balance now {balance}.",
                           fmt::arg("amount", money(model::integer_or(entry, "amount_cents",
                                                                      std::int64_t{0}))),
                           fmt::arg("login", field_text(user, "login")),
                           fmt::arg("balance", money(model::integer_or(user, "balance_cents",
                                                                       std::int64_t{0}))))
                    << "\n";
        });
  });

  auto password_args = std::make_shared<UserArguments>();
  CLI::App* set_password = users->add_subcommand(
      "set-password", tr("Set a user's password (signs the user out everywhere)"));
  set_password->add_option("USER", password_args->user, tr("Login or id"))->required();
  set_password->add_option("--password-file", password_args->password_file,
                           tr("File whose first line is the password ('-': standard input)"));
  admin.on_run(set_password, [&admin, password_args](api_client::ApiClient& client) {
    auto password = read_password({password_args->password_file, "PRINTLINE_USER_PASSWORD",
                                   trf("New password for {user}: ",
                                       fmt::arg("user", password_args->user))});
    if (!password.ok()) return admin.fail(password.error().message, kUsage);
    return admin.finish(
        client.request("POST", object_path("users", password_args->user) + "/password",
                       nlohmann::json{{"password", *password}}),
        [&](const nlohmann::json&) {
          std::cout << trf("Password of {user} changed; their sessions were ended.",
                           fmt::arg("user", password_args->user))
                    << "\n";
        });
  });

  auto role_args = std::make_shared<UserArguments>();
  CLI::App* set_role =
      users->add_subcommand("set-role", tr("Make a user an administrator or a plain user"));
  set_role->add_option("USER", role_args->user, tr("Login or id"))->required();
  set_role->add_option("ROLE", role_args->role, tr("user or admin"))
      ->required()
      ->check(CLI::IsMember({"user", "admin"}));
  admin.on_run(set_role, [&admin, role_args](api_client::ApiClient& client) {
    return admin.finish(client.request("PATCH", object_path("users", role_args->user),
                                       nlohmann::json{{"role", *role_args->role}}),
                        [](const nlohmann::json& user) {
                          std::cout << trf("{login} is now {role}.",
                                           fmt::arg("login", field_text(user, "login")),
                                           fmt::arg("role", field_text(user, "role")))
                                    << "\n";
                        });
  });

  add_secret_command(*users, admin, {"set-pin", "pin", tr("Set or remove a user's PIN"),
                                     tr("The PIN (digits)"), tr("Remove the PIN")});
  add_secret_command(*users, admin,
                     {"set-card", "card", tr("Register or remove a user's badge"),
                      tr("The badge's card number, as its reader types it"),
                      tr("Remove the badge")});

  auto ledger_args = std::make_shared<UserArguments>();
  CLI::App* ledger =
      users->add_subcommand("ledger", tr("Show a user's charges, refunds and top-ups"));
  ledger->add_option("USER", ledger_args->user, tr("Login or id"))->required();
  admin.on_run(ledger, [&admin, ledger_args](api_client::ApiClient& client) {
    return admin.finish(
        client.request("GET", object_path("users", ledger_args->user) + "/ledger"),
        [](const nlohmann::json& body) {
          Table table({tr("TIME"), tr("KIND"), tr("AMOUNT"), tr("BALANCE AFTER"), tr("ORIGIN"),
                       tr("JOB"), tr("BY"), tr("NOTE")});
          for (const auto& e : body.value("entries", nlohmann::json::array())) {
            table.add_row({time_field_text(e, "created_at"),
                           ledger_kind_text(field_text(e, "kind")),
                           money(model::integer_or(e, "amount_cents", std::int64_t{0})),
                           money(model::integer_or(e, "balance_after_cents", std::int64_t{0})),
                           origin_text(field_text(e, "origin")), field_text(e, "job_uuid"),
                           field_text(e, "actor"), field_text(e, "note")});
          }
          table.print(std::cout);
        });
  });
}

}  // namespace printline::cli
