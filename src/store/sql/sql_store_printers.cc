// Printers, printer groups and queues.

#include <fmt/format.h>

#include "core/i18n.h"
#include "model/device_uri.h"
#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

using model::Printer;
using model::PrinterGroup;
using model::PrintQueue;

namespace {

std::optional<std::string> printer_problem(const Printer& printer) {
  if (printer.name.empty()) return tr("a printer needs a name");
  if (auto host = model::device_uri_host(printer.device_uri); !host) return host.error().message;
  for (const auto& format : printer.document_formats) {
    if (format.empty() || format.size() > 127 || format.find(',') != std::string::npos) {
      return tr("a document format is a MIME type such as application/pdf");
    }
  }
  if (printer.spooling_port) {
    if (auto problem = model::device_port_problem(*printer.spooling_port)) {
      return trf("device spooling port: {problem}", fmt::arg("problem", *problem));
    }
  }
  return std::nullopt;
}

std::string join_list(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += ',';
    text += item;
  }
  return text;
}

void bind_printer(Query& q, const Printer& p) {
  const auto& spool = p.spooling_port;
  q.bind_all(
      p.name, p.device_uri, p.color, model::paper_name(p.largest_paper), p.duplex, p.vendor,
      p.location, p.fallback_allowed,
      spool ? std::optional(std::string(model::protocol_name(spool->protocol))) : std::nullopt,
      spool ? std::optional<std::int64_t>(spool->port) : std::nullopt,
      spool ? std::optional(spool->queue) : std::nullopt,
      std::string(model::language_keyword(p.language)), model::format_paper_list(p.paper_sizes),
      join_list(p.document_formats));
}

}  // namespace

std::optional<Printer> SqlStore::load_printer(std::int64_t printer_id) {
  auto q = db().query(fmt::format("SELECT {} FROM printers WHERE id = ?", kPrinterColumns));
  q.bind_all(printer_id);
  if (!q.step()) return std::nullopt;
  return read_printer(q);
}

Result<Printer> SqlStore::create_printer(const Printer& printer, const Actor& actor) {
  if (auto problem = printer_problem(printer)) return Error{*problem};
  return write([&] {
    auto q = db().query(
        "INSERT INTO printers (name, device_uri, color, largest_paper, duplex, vendor, location, "
        "fallback_allowed, spool_protocol, spool_port, spool_queue, language, paper_sizes, "
        "document_formats) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    bind_printer(q, printer);
    Printer stored = printer;
    stored.id =
        *insert_or_refuse(q, trf("a printer named \"{printer}\" already exists",
                                 fmt::arg("printer", printer.name)));
    audit(actor, "create", "printer", stored.name, nlohmann::json(stored).dump());
    return stored;
  });
}

Result<Printer> SqlStore::update_printer(const Printer& printer, const Actor& actor) {
  if (auto problem = printer_problem(printer)) return Error{*problem};
  return write([&] {
    if (!load_printer(printer.id))
      throw Refusal{trf("there is no printer with id {id}", fmt::arg("id", printer.id))};
    auto q = db().query(
        "UPDATE printers SET name = ?, device_uri = ?, color = ?, largest_paper = ?, duplex = ?, "
        "vendor = ?, location = ?, fallback_allowed = ?, spool_protocol = ?, spool_port = ?, "
        "spool_queue = ?, language = ?, paper_sizes = ?, document_formats = ? WHERE id = ?");
    bind_printer(q, printer);
    q.bind(15, printer.id);
    run_or_refuse(q, trf("a printer named \"{printer}\" already exists",
                         fmt::arg("printer", printer.name)));
    audit(actor, "update", "printer", printer.name, nlohmann::json(printer).dump());
    return printer;
  });
}

Status SqlStore::delete_printer(std::int64_t printer_id, const Actor& actor) {
  return write([&] {
    auto printer = load_printer(printer_id);
    if (!printer) {
      throw Refusal{trf("there is no printer with id {id}", fmt::arg("id", printer_id))};
    }
    auto q = db().query("DELETE FROM printers WHERE id = ?");
    q.bind_all(printer_id);
    run_or_refuse(q, trf("printer \"{printer}\" is the target of a queue: point the queue "
                         "elsewhere first",
                         fmt::arg("printer", printer->name)));
    audit(actor, "delete", "printer", printer->name, "");
    return std::monostate{};
  });
}

Result<std::optional<Printer>> SqlStore::find_printer(std::int64_t printer_id) {
  return read([&] { return load_printer(printer_id); });
}

Result<std::optional<Printer>> SqlStore::find_printer_by_name(std::string_view name) {
  return read([&]() -> std::optional<Printer> {
    auto q =
        db().query(fmt::format("SELECT {} FROM printers WHERE name = ?", kPrinterColumns));
    q.bind_all(name);
    if (!q.step()) return std::nullopt;
    return read_printer(q);
  });
}

Result<std::vector<Printer>> SqlStore::list_printers() {
  return read([&] {
    std::vector<Printer> printers;
    auto q =
        db().query(fmt::format("SELECT {} FROM printers ORDER BY name", kPrinterColumns));
    while (q.step()) printers.push_back(read_printer(q));
    return printers;
  });
}

// Groups ---------------------------------------------------------------------------------

std::optional<PrinterGroup> SqlStore::load_group(std::int64_t group_id) {
  PrinterGroup group;
  {
    auto q = db().query("SELECT id, name, description FROM printer_groups WHERE id = ?");
    q.bind_all(group_id);
    if (!q.step()) return std::nullopt;
    group = PrinterGroup{q.integer(0), q.text(1), q.text(2), {}};
  }
  auto members = db().query(
      "SELECT printer_id FROM printer_group_members WHERE group_id = ? ORDER BY position");
  members.bind_all(group_id);
  while (members.step()) group.printer_ids.push_back(members.integer(0));
  return group;
}

void SqlStore::save_group_members(const PrinterGroup& group) {
  db().query("DELETE FROM printer_group_members WHERE group_id = ?")
      .bind_all(group.id)
      .run();
  int position = 0;
  for (auto printer_id : group.printer_ids) {
    auto q = db().query(
        "INSERT INTO printer_group_members (group_id, printer_id, position) VALUES (?, ?, ?)");
    q.bind_all(group.id, printer_id, position++);
    run_or_refuse(q, trf("group \"{group}\": printer id {id} does not exist or is listed twice",
                         fmt::arg("group", group.name), fmt::arg("id", printer_id)));
  }
}

Result<PrinterGroup> SqlStore::create_group(const PrinterGroup& group, const Actor& actor) {
  if (group.name.empty()) return Error{tr("a printer group needs a name")};
  return write([&] {
    auto q = db().query(
        "INSERT INTO printer_groups (name, description) VALUES (?, ?) RETURNING id");
    q.bind_all(group.name, group.description);
    PrinterGroup stored = group;
    stored.id = *insert_or_refuse(
        q, trf("a printer group named \"{group}\" already exists", fmt::arg("group", group.name)));
    save_group_members(stored);
    audit(actor, "create", "group", stored.name, nlohmann::json(stored).dump());
    return stored;
  });
}

Result<PrinterGroup> SqlStore::update_group(const PrinterGroup& group, const Actor& actor) {
  if (group.name.empty()) return Error{tr("a printer group needs a name")};
  return write([&] {
    if (!load_group(group.id))
      throw Refusal{trf("there is no printer group with id {id}", fmt::arg("id", group.id))};
    auto q = db().query("UPDATE printer_groups SET name = ?, description = ? WHERE id = ?");
    q.bind_all(group.name, group.description, group.id);
    run_or_refuse(q, trf("a printer group named \"{group}\" already exists",
                         fmt::arg("group", group.name)));
    save_group_members(group);
    audit(actor, "update", "group", group.name, nlohmann::json(group).dump());
    return group;
  });
}

Status SqlStore::delete_group(std::int64_t group_id, const Actor& actor) {
  return write([&] {
    auto group = load_group(group_id);
    if (!group) {
      throw Refusal{trf("there is no printer group with id {id}", fmt::arg("id", group_id))};
    }
    auto q = db().query("DELETE FROM printer_groups WHERE id = ?");
    q.bind_all(group_id);
    run_or_refuse(q, trf("printer group \"{group}\" is the target of a queue: point the "
                         "queue elsewhere first",
                         fmt::arg("group", group->name)));
    audit(actor, "delete", "group", group->name, "");
    return std::monostate{};
  });
}

Result<std::optional<PrinterGroup>> SqlStore::find_group(std::int64_t group_id) {
  return read([&] { return load_group(group_id); });
}

Result<std::vector<PrinterGroup>> SqlStore::list_groups() {
  return read([&] {
    std::vector<std::int64_t> ids;
    {
      auto q = db().query("SELECT id FROM printer_groups ORDER BY name");
      while (q.step()) ids.push_back(q.integer(0));
    }
    std::vector<PrinterGroup> groups;
    for (auto id : ids) groups.push_back(*load_group(id));
    return groups;
  });
}

// Queues ---------------------------------------------------------------------------------

namespace {

constexpr const char* kQueueColumns =
    "id, name, kind, printer_id, group_id, hold_expiry_seconds, paused, accepting, "
    "control_changed_at";

PrintQueue read_queue(const Query& q) {
  PrintQueue queue;
  queue.id = q.integer(0);
  queue.name = q.text(1);
  queue.kind = q.text(2) == "hold" ? model::QueueKind::kHold : model::QueueKind::kDirect;
  queue.printer_id = q.optional_integer(3);
  queue.group_id = q.optional_integer(4);
  queue.hold_expiry_seconds = q.optional_integer(5);
  queue.control.paused = q.boolean(6);
  queue.control.accepting = q.boolean(7);
  if (auto changed = q.optional_integer(8)) queue.control.changed_at = from_unix(*changed);
  return queue;
}

const char* kind_text(model::QueueKind kind) {
  return kind == model::QueueKind::kHold ? "hold" : "direct";
}

}  // namespace

Result<PrintQueue> SqlStore::create_queue(const PrintQueue& queue, const Actor& actor) {
  if (auto problem = model::queue_problem(queue)) return Error{problem->message};
  return write([&] {
    auto q = db().query(
        "INSERT INTO queues (name, kind, printer_id, group_id, hold_expiry_seconds) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id");
    q.bind_all(queue.name, kind_text(queue.kind), queue.printer_id, queue.group_id,
               queue.hold_expiry_seconds);
    PrintQueue stored = queue;
    stored.id = *insert_or_refuse(
        q, trf("queue \"{queue}\" already exists, or its printer or group does not",
               fmt::arg("queue", queue.name)));
    audit(actor, "create", "queue", stored.name, nlohmann::json(stored).dump());
    return stored;
  });
}

Result<PrintQueue> SqlStore::update_queue(const PrintQueue& queue, const Actor& actor) {
  if (auto problem = model::queue_problem(queue)) return Error{problem->message};
  return write([&] {
    auto q = db().query(
        "UPDATE queues SET name = ?, kind = ?, printer_id = ?, group_id = ?, "
        "hold_expiry_seconds = ? WHERE id = ? RETURNING id");
    q.bind_all(queue.name, kind_text(queue.kind), queue.printer_id, queue.group_id,
               queue.hold_expiry_seconds, queue.id);
    if (!insert_or_refuse(q, trf("queue \"{queue}\" already exists, or its printer or group "
                                 "does not",
                                 fmt::arg("queue", queue.name))))
      throw Refusal{trf("there is no queue with id {id}", fmt::arg("id", queue.id))};
    audit(actor, "update", "queue", queue.name, nlohmann::json(queue).dump());
    auto stored =
        db().query(fmt::format("SELECT {} FROM queues WHERE id = ?", kQueueColumns));
    stored.bind_all(queue.id);
    stored.step();
    return read_queue(stored);  // with the operator state it leaves alone
  });
}

Status SqlStore::set_queue_control(std::int64_t queue_id, const model::QueueControl& control) {
  return write([&] {
    auto q = db().query(
        "UPDATE queues SET paused = ?, accepting = ?, control_changed_at = ? WHERE id = ? "
        "RETURNING id");
    q.bind_all(control.paused, control.accepting,
               control.changed_at ? std::optional(to_unix(*control.changed_at)) : std::nullopt,
               queue_id);
    if (!q.step()) throw Refusal{trf("there is no queue with id {id}", fmt::arg("id", queue_id))};
    return std::monostate{};
  });
}

Status SqlStore::delete_queue(std::int64_t queue_id, const Actor& actor) {
  return write([&] {
    std::string name;
    {
      auto q = db().query("SELECT name FROM queues WHERE id = ?");
      q.bind_all(queue_id);
      if (!q.step()) throw Refusal{trf("there is no queue with id {id}", fmt::arg("id", queue_id))};
      name = q.text(0);
    }
    db().query("DELETE FROM queues WHERE id = ?").bind_all(queue_id).run();
    audit(actor, "delete", "queue", name, "");
    return std::monostate{};
  });
}

Result<std::optional<PrintQueue>> SqlStore::find_queue_by_name(std::string_view name) {
  return read([&]() -> std::optional<PrintQueue> {
    auto q = db().query(fmt::format("SELECT {} FROM queues WHERE name = ?", kQueueColumns));
    q.bind_all(name);
    if (!q.step()) return std::nullopt;
    return read_queue(q);
  });
}

Result<std::vector<PrintQueue>> SqlStore::list_queues() {
  return read([&] {
    std::vector<PrintQueue> queues;
    auto q = db().query(fmt::format("SELECT {} FROM queues ORDER BY name", kQueueColumns));
    while (q.step()) queues.push_back(read_queue(q));
    return queues;
  });
}

}  // namespace printline::store::sql
