#!/usr/bin/env python3
# Writes docs/openapi.yaml: python3 tests/server/api_openapi_gen.py > docs/openapi.yaml
# Keep it in step with docs/api.md (the reference) when a route changes.
import yaml

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def obj(props, required=()):
    o = {"type": "object", "properties": props}
    if required: o["required"] = list(required)
    return o
S = lambda t, **k: dict(type=t, **k)
I, B, T = S("integer"), S("boolean"), S("string")
TS = S("string", format="date-time", example="2026-11-24T01:39:51Z")
NI = S("integer", nullable=True)
port = obj({"protocol": S("string", enum=["RAW", "LPR", "IPP"]), "port": I, "queue": T})
quota = obj({"period": S("string", enum=["day", "week", "month"]), "page_limit": NI,
             "cost_limit_cents": NI, "used_pages": I, "used_cost_cents": I, "period_start": TS})
schemas = {
  "Error": obj({"error": obj({"code": T, "message": T, "field": T,
                              "details": S("array", items=obj({"field": T, "message": T}))},
                             ["code", "message"])}, ["error"]),
  "DevicePort": port,
  "Quota": quota,
  "User": obj({"id": I, "login": T, "name": T, "email": T, "role": S("string", enum=["user", "admin"]),
               "has_pin": B, "has_card": B, "balance_cents": I, "pays_with_credit": B,
               "quota": dict(ref("Quota"), nullable=True), "language": T,
               "source": T, "directory_dn": T, "disabled": B, "disabled_by_directory": B}),
  "Printer": obj({"id": I, "name": T, "device_uri": T, "color": B,
                  "largest_paper": S("string", enum=["A5", "A4", "A3", "A2", "A1", "A0", "Letter", "Legal", "Tabloid"]),
                  "large_format": B, "duplex": B, "vendor": T, "location": T, "fallback_allowed": B,
                  "spooling_port": dict(ref("DevicePort"), nullable=True),
                  "language": S("string", enum=["auto", "pdf", "postscript", "pcl-xl", "pcl5"]),
                  "paper_sizes": S("array", items=S("string", enum=["A5", "A4", "A3", "A2", "A1", "A0", "Letter", "Legal", "Tabloid"])),
                  "document_formats": S("array", items=T)}),
  "Group": obj({"id": I, "name": T, "description": T, "printer_ids": S("array", items=I)}),
  "UserGroup": obj({"id": I, "name": T, "description": T, "member_ids": S("array", items=I),
                    "source": T, "initial_credit_cents": I}),
  "DirectoryStatus": obj({"name": T, "uri": T, "last_complete_sync": dict(TS, nullable=True),
                          "last_sync": dict(TS, nullable=True), "last_failure": dict(TS, nullable=True),
                          "last_error": T}),
  "DirectorySync": obj({"source": T, "dry_run": B,
                        "counts": obj({k: I for k in ["create", "update", "enable", "disable",
                                                      "create_groups", "update_groups", "unchanged"]}),
                        **{k: S("array", items=T) for k in ["create", "update", "enable", "disable",
                                                           "create_groups", "update_groups", "warnings"]}}),
  "Queue": obj({"id": I, "name": T, "kind": S("string", enum=["direct", "hold"]), "printer_id": NI, "group_id": NI,
                "hold_expiry_seconds": NI,
                # Set over IPP (Pause-Printer, Disable-Printer), shown here, never read back.
                "paused": S("boolean", readOnly=True), "accepting_jobs": S("boolean", readOnly=True),
                "state_changed_at": S("string", format="date-time", nullable=True, readOnly=True)}),
  "PriceList": obj({"prices": S("array", items=obj({"paper": T, "color": B, "cents_per_page": I})),
                    "duplex_discount_percent": I}),
  "Profile": obj({"id": I, "name": T, "assigned_users": S("array", items=T), "assigned_groups": S("array", items=T),
                  "is_default": B, "server_addresses": S("array", items=T), "connect_timeout_ms": I,
                  "heartbeat_interval_s": I, "answer_timeout_s": S("integer", minimum=1, maximum=120),
                  "fallback": obj({"enabled": B, "printer_ids": S("array", items=I), "group_id": NI,
                                   "release": S("string", enum=["always", "credit-quota"]),
                                   "port": ref("DevicePort"), "kx_integration": B, "keep_waiting_days": I}),
                  "version": I}),
  "SavedProfile": obj({"profile": ref("Profile"), "warnings": S("array", items=obj({"field": T, "message": T}))}),
  "FallbackPrinter": obj({"printer": ref("Printer"), "usable": B, "device_uri": S("string", nullable=True),
                          "port": dict(ref("DevicePort"), nullable=True), "spooling_port": B,
                          "may_be_counted_twice": B, "warning": S("string", nullable=True),
                          "problem": S("string", nullable=True)}),
  "Job": obj({"id": I, "uuid": S("string", format="uuid"), "owner_id": I, "queue_id": NI, "printer_id": NI,
              "origin": S("string", enum=["server", "fallback"]),
              "state": S("string", enum=["pending", "held", "printing", "printed", "failed", "cancelled"]),
              "title": T, "ticket": ref("JobTicket"), "ticket_text": T, "document_format": T,
              "pages": I, "color_pages": I, "paper": T, "duplex": B, "copies": I,
              "cost_cents": I, "submitted_at": TS, "printed_at": dict(TS, nullable=True), "outcome": T,
              "may_be_counted_twice": B, "awaiting_commit": B, "commit_before": dict(TS, nullable=True),
              "printed_twice": B, "also_printed_on": NI}),
  # D11: what the user asked; absent fields are the defaults (as the document is).
  "JobTicket": obj({"copies": S("integer", minimum=1, maximum=999), "collate": B,
                    "sides": S("string", enum=["one-sided", "two-sided-long-edge", "two-sided-short-edge"]),
                    "print-color-mode": S("string", enum=["color", "monochrome"]),
                    "media": obj({"size": T, "type": T, "source": T}),
                    "orientation-requested": S("string", enum=["portrait", "landscape", "reverse-landscape",
                                                               "reverse-portrait"]),
                    "page-ranges": S("string", example="1-3,5"),
                    "number-up": S("integer", enum=[1, 2, 4, 6, 9, 16]),
                    "print-quality": S("string", enum=["draft", "normal", "high"]),
                    "finishings": S("array", items=T, maxItems=20)}),
  "LedgerEntry": obj({"id": I, "user_id": I, "kind": S("string", enum=["charge", "refund", "top-up"]),
                      "amount_cents": I, "balance_after_cents": I, "job_uuid": S("string", nullable=True),
                      "origin": S("string", nullable=True), "actor": T, "note": T, "created_at": TS}),
  "AuditEntry": obj({"id": I, "at": TS, "actor": T, "action": T, "object_kind": T, "object_name": T, "details": T}),
  "FallbackJob": obj({"uuid": S("string", format="uuid"), "printer": {"oneOf": [I, T]}, "printed_at": TS,
                      "title": T, "pages": I, "color_pages": I, "paper": T, "duplex": B, "copies": I,
                      "ticket": ref("JobTicket"), "document_format": T},
                     ["uuid", "printer", "printed_at", "pages"]),
  "FallbackResult": obj({"uuid": T,
                         "status": S("string", enum=["accepted", "duplicate", "rejected"]),
                         "reason": S("string", enum=["invalid-uuid", "invalid-field", "out-of-bounds",
                                                     "printed-at-outside-outage", "unknown-printer",
                                                     "not-a-fallback-printer", "does-not-add-up",
                                                     "no-price", "uuid-taken", "refused"]),
                         "message": T, "job": ref("Job")}),
  "ClientReport": obj({"client_id": T, "user_id": I, "login": T, "hostname": T, "os_user": T,
                       "fallback_jobs_awaiting_upload": I, "reported_at": TS}),
  "ReportRow": obj({"key": T, "jobs": I, "pages": I, "color_pages": I, "cost_cents": I,
                    "duplex_pages": I, "overflow": B}),
  "FallbackTestResult": obj({"profile": T, "printer_id": I, "printer": T, "device_uri": S("string", nullable=True),
                             "may_be_counted_twice": B,
                             "status": S("string", enum=["reachable", "unreachable", "accepted", "rejected", "misconfigured"]),
                             "reachable": B, "ms": I, "message": T,
                             "test_page": dict(obj({"outcome": T, "accepted": B, "message": T}), nullable=True)}),
}

def body(schema): return {"required": True, "content": {"application/json": {"schema": schema}}}
def ok(schema, code="200"): return {code: {"description": "OK", "content": {"application/json": {"schema": schema}}}}
def lst(key, name): return obj({key: S("array", items=ref(name))})
def page_of(key, name): return obj({key: S("array", items=ref(name)), "total": I, "limit": I, "offset": I})
E = {c: {"$ref": "#/components/responses/Error"} for c in ["400", "401", "403", "404", "409", "413", "422", "429", "500"]}
NC = {"204": {"description": "No content"}}

def p(name): return {"name": name, "in": "path", "required": True, "schema": T, "description": "id, or name / login"}
def q(*names): return [{"name": n, "in": "query", "required": False, "schema": T} for n in names]
filters = q("origin", "state", "from", "to", "limit", "offset")

routes = [
  ("post", "/api/v1/login", "public", "Log in for a token", body(obj({"login": T, "password": T}, ["login", "password"])),
   ok(obj({"token": T, "expires_at": TS, "user": ref("User")})), []),
  ("post", "/api/v1/logout", "user", "Revoke the token of this request", None, NC, []),
  ("get", "/api/v1/me", "user", "Who am I: balance, quota, printer history", None,
   ok(obj({"user": ref("User"), "balance_cents": I, "pays_with_credit": B, "quota": dict(ref("Quota"), nullable=True),
           "printers_used": S("array", items=obj({"printer_id": I, "name": T, "jobs": I, "last_used": TS}))})), []),
  ("patch", "/api/v1/me", "user", "Change my language (en, fr, or empty for the browser's)", body(obj({"language": T})), ok(ref("User")), []),
  ("post", "/api/v1/me/password", "user", "Change my password; my other sessions end", body(obj({"current_password": T, "password": T}, ["current_password", "password"])), NC, []),
  ("post", "/api/v1/me/pin", "user", "Set or remove (null) my PIN", body(obj({"current_password": T, "pin": S("string", nullable=True)}, ["current_password", "pin"])), NC, []),
  ("get", "/api/v1/me/profile", "user", "My Desktop Client profile with effective fallback addresses (ETag / If-None-Match)", None,
   {**ok(obj({"profile": ref("Profile"), "fallback_printers": S("array", items=ref("FallbackPrinter"))})),
    "304": {"description": "Not modified"}}, [{"name": "If-None-Match", "in": "header", "required": False, "schema": T}]),
  ("get", "/api/v1/me/jobs", "user", "My jobs, a page at a time (total: all that match)", None, ok(page_of("jobs", "Job")), filters),
  ("get", "/api/v1/printers", "user", "Printers with fallback attributes", None, ok(lst("printers", "Printer")), []),
  ("post", "/api/v1/printers", "admin", "Create a printer", body(ref("Printer")), ok(ref("Printer"), "201"), []),
  ("get", "/api/v1/printers/{printer}", "user", "One printer", None, ok(ref("Printer")), [p("printer")]),
  ("patch", "/api/v1/printers/{printer}", "admin", "Change a printer", body(ref("Printer")), ok(ref("Printer")), [p("printer")]),
  ("post", "/api/v1/printers/{printer}/capabilities", "admin", "Ask an IPP printer what it can do and keep it (D11)", None, ok(ref("Printer")), [p("printer")]),
  ("delete", "/api/v1/printers/{printer}", "admin", "Delete a printer", None, NC, [p("printer")]),
  ("get", "/api/v1/price-list", "user", "The price list", None, ok(ref("PriceList")), []),
  ("put", "/api/v1/price-list", "admin", "Replace the price list", body(ref("PriceList")), ok(ref("PriceList")), []),
  ("get", "/api/v1/queues", "user", "Queues", None, ok(lst("queues", "Queue")), []),
  ("post", "/api/v1/queues", "admin", "Create a queue", body(ref("Queue")), ok(ref("Queue"), "201"), []),
  ("get", "/api/v1/queues/{queue}", "user", "One queue", None, ok(ref("Queue")), [p("queue")]),
  ("patch", "/api/v1/queues/{queue}", "admin", "Change a queue", body(ref("Queue")), ok(ref("Queue")), [p("queue")]),
  ("delete", "/api/v1/queues/{queue}", "admin", "Delete a queue", None, NC, [p("queue")]),
  ("get", "/api/v1/groups", "admin", "Printer groups", None, ok(lst("groups", "Group")), []),
  ("post", "/api/v1/groups", "admin", "Create a group", body(ref("Group")), ok(ref("Group"), "201"), []),
  ("get", "/api/v1/groups/{group}", "admin", "One group", None, ok(ref("Group")), [p("group")]),
  ("patch", "/api/v1/groups/{group}", "admin", "Change a group", body(ref("Group")), ok(ref("Group")), [p("group")]),
  ("delete", "/api/v1/groups/{group}", "admin", "Delete a group", None, NC, [p("group")]),
  ("get", "/api/v1/user-groups", "admin", "Groups of users", None, ok(lst("user_groups", "UserGroup")), []),
  ("post", "/api/v1/user-groups", "admin", "Create a group of users", body(ref("UserGroup")), ok(ref("UserGroup"), "201"), []),
  ("get", "/api/v1/user-groups/{group}", "admin", "One group of users", None, ok(ref("UserGroup")), [p("group")]),
  ("patch", "/api/v1/user-groups/{group}", "admin", "Change a group of users (member_ids replaces the members); 422 when a rename would detach a profile", body(ref("UserGroup")), ok(ref("UserGroup")), [p("group")]),
  ("delete", "/api/v1/user-groups/{group}", "admin", "Delete a group of users; 422 while a profile is assigned to it", None, NC, [p("group")]),
  ("get", "/api/v1/directories", "admin", "Directory sources and their last syncs", None, ok(lst("directories", "DirectoryStatus")), []),
  ("post", "/api/v1/directories/{directory}/sync", "admin", "Synchronise accounts and groups from a directory now (complete unless incremental); a dry run changes nothing; 502 when the directory fails, nothing changed",
   body(obj({"dry_run": B, "incremental": B})), ok(ref("DirectorySync")), [p("directory")]),
  ("get", "/api/v1/users", "admin", "Users", None, ok(lst("users", "User")), []),
  ("post", "/api/v1/users", "admin", "Create a user", body(obj({"login": T, "password": T, "name": T, "email": T,
     "role": T, "pays_with_credit": B, "quota": ref("Quota")}, ["login", "password"])), ok(ref("User"), "201"), []),
  ("get", "/api/v1/users/{user}", "admin", "One user", None, ok(ref("User")), [p("user")]),
  ("patch", "/api/v1/users/{user}", "admin", "Change name, email, role, credit mode, quota limits",
   body(obj({"name": T, "email": T, "role": T, "pays_with_credit": B, "quota": ref("Quota")})), ok(ref("User")), [p("user")]),
  ("delete", "/api/v1/users/{user}", "admin", "Delete a user without jobs or ledger entries", None, NC, [p("user")]),
  ("post", "/api/v1/users/{user}/top-up", "admin", "Credit top-up", body(obj({"amount_cents": I, "note": T}, ["amount_cents"])),
   ok(obj({"entry": ref("LedgerEntry"), "user": ref("User")})), [p("user")]),
  ("post", "/api/v1/users/{user}/password", "admin", "Reset the password (revokes tokens)", body(obj({"password": T}, ["password"])), NC, [p("user")]),
  ("post", "/api/v1/users/{user}/pin", "admin", "Set or remove the PIN", body(obj({"pin": S("string", nullable=True)}, ["pin"])), NC, [p("user")]),
  ("post", "/api/v1/users/{user}/card", "admin", "Register or remove the user's badge (card number) for release stations", body(obj({"card": S("string", nullable=True)}, ["card"])), NC, [p("user")]),
  ("post", "/api/v1/release-station/{printer}/session", "public", "Identify at a release station: by badge, or by login and PIN (rate-limited)", body(obj({"card": T, "login": T, "pin": T})),
   ok(obj({"token": T, "expires_at": TS, "idle_logout_s": I, "user": obj({"login": T, "name": T}), "printer": obj({"name": T, "location": T})})), [p("printer")]),
  ("get", "/api/v1/release-station/{printer}/jobs", "user", "My held jobs, each priced for this printer", None,
   ok(obj({"jobs": S("array", items=obj({"uuid": T, "title": T, "submitted_at": TS, "pages": I, "color_pages": I, "cost_cents": NI})), "balance_cents": I, "currency": T,
           "printer": obj({"name": T, "location": T, "color": B, "readiness": obj({"ready": B,
             "problems": S("array", items=T), "message": T, "others": S("array", items=T)})})})), [p("printer")]),
  ("get", "/api/v1/users/{user}/ledger", "admin", "The user's ledger", None, ok(lst("entries", "LedgerEntry")), [p("user")]),
  ("get", "/api/v1/profiles", "admin", "Desktop Client profiles", None, ok(lst("profiles", "Profile")), []),
  ("post", "/api/v1/profiles", "admin", "Create a profile (D8: 422 with field, or warnings)", body(ref("Profile")), ok(ref("SavedProfile"), "201"), []),
  ("get", "/api/v1/profiles/{profile}", "admin", "One profile", None, ok(ref("Profile")), [p("profile")]),
  ("patch", "/api/v1/profiles/{profile}", "admin", "Change a profile (D8)", body(ref("Profile")), ok(ref("SavedProfile")), [p("profile")]),
  ("delete", "/api/v1/profiles/{profile}", "admin", "Delete a profile", None, NC, [p("profile")]),
  ("get", "/api/v1/jobs", "admin", "Everyone's jobs, a page at a time (total: all that match)", None, ok(page_of("jobs", "Job")), q("user", "printer", "printed_twice") + filters),
  ("get", "/api/v1/jobs/{uuid}", "user", "One job (own; admin any). 404 = the server does not have it (D6)", None, ok(ref("Job")), [p("uuid")]),
  ("post", "/api/v1/jobs/{uuid}/release", "user", "Release a held job to a printer", body(obj({"printer": {"oneOf": [I, T]}}, ["printer"])), ok(ref("Job")), [p("uuid")]),
  ("post", "/api/v1/jobs/{uuid}/cancel", "user", "Cancel a job that has not printed", None, ok(ref("Job")), [p("uuid")]),
  ("post", "/api/v1/jobs/{uuid}/commit", "user", "Commit a desktop client's job submitted awaiting its commit (D10); 409 after its commit deadline", None, ok(ref("Job")), [p("uuid")]),
  ("post", "/api/v1/jobs/{uuid}/refund", "admin", "Refund a charged job (once)", body(obj({"reason": T}, ["reason"])),
   ok(obj({"entry": ref("LedgerEntry"), "job": ref("Job"), "balance_cents": I})), [p("uuid")]),
  ("post", "/api/v1/accounting/fallback-jobs", "user", "Upload printed-offline jobs (≤ 1000), idempotent per UUID",
   body(obj({"jobs": S("array", maxItems=1000, items=ref("FallbackJob"))}, ["jobs"])),
   ok(obj({"results": S("array", items=ref("FallbackResult")), "accepted": I, "duplicates": I, "rejected": I})), []),
  ("get", "/api/v1/reports/{grouping}", "admin", "Report per user, user group, printer, day, week or month (format=csv for CSV)", None,
   {"200": {"description": "OK", "content": {"application/json": {"schema": obj({"grouping": T, "rows": S("array", items=ref("ReportRow"))})},
                                              "text/csv": {"schema": T}}}},
   [p("grouping")] + q("user", "printer", "origin", "state", "from", "to", "format")),
  ("get", "/api/v1/audit", "admin", "Audit log, newest first", None, ok(lst("entries", "AuditEntry")), q("limit")),
  ("put", "/api/v1/me/client-report", "user", "The desktop client's heartbeat report: who it is, fallback jobs awaiting upload",
   body(obj({"client_id": T, "hostname": T, "os_user": T, "fallback_jobs_awaiting_upload": I},
            ["client_id", "fallback_jobs_awaiting_upload"])),
   ok(obj({"held_jobs_expiring": S("array", items=obj({"uuid": T, "title": T, "queue": T, "expires_at": TS}))})), []),
  ("get", "/api/v1/admin/client-reports", "admin", "The latest report of every desktop client, and their total awaiting upload", None,
   ok(obj({"clients": S("array", items=ref("ClientReport")), "fallback_jobs_awaiting_upload": I})), []),
  ("post", "/api/v1/admin/fallback-test", "admin", "Probe every fallback printer's effective port (D9), optionally send a test page",
   {"required": False, "content": {"application/json": {"schema": obj({"profile": {"oneOf": [I, T]}, "send_test_page": B, "timeout_ms": I})}}},
   ok(obj({"results": S("array", items=ref("FallbackTestResult"))})), []),
]

paths = {}
for method, path, access, summary, req, resp, params in routes:
    op = {"summary": summary, "x-access": access, "responses": {**resp, **E}}
    if access == "public": op["security"] = []
    if req: op["requestBody"] = req
    if params: op["parameters"] = params
    paths.setdefault(path, {})[method] = op

spec = {"openapi": "3.0.3",
        "info": {"title": "Printline REST API", "version": "1",
                 "description": "Generated from tests/server/api_openapi_gen.py; docs/api.md is the reference. "
                                "x-access: public, user (any logged-in user) or admin."},
        "servers": [{"url": "http://127.0.0.1:8631"}],
        "security": [{"bearer": []}, {"basic": []}],
        "paths": paths,
        "components": {"schemas": schemas,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
                                           "basic": {"type": "http", "scheme": "basic"}},
                       "responses": {"Error": {"description": "Error (docs/api.md, Errors)",
                                               "content": {"application/json": {"schema": ref("Error")}}}}}}
print("# Generated by tests/server/api_openapi_gen.py from the same route list as docs/api.md; do not edit by hand.")
print(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100), end="")
