# The JSON a plain user sends for the ledger (D12): fallback uploads and client reports, through
# the routes' own parsing functions, without a server.
printline_add_fuzzer(fallback_upload fallback_upload_fuzzer.cc printline_server)
printline_add_fuzzer(client_report client_report_fuzzer.cc printline_server)
