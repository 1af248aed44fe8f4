# The desktop client's edges: control protocol and socket (unit, against a recording
# stand-in of ClientService), and — with the real daemon — local IPP printer, CLI and CUPS
# backend (integration).
printline_add_gtest(NAME client_control_socket_test LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/control_protocol_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/control_socket_test.cc
  LIBRARIES printline_client printline_test_peers)

if(TARGET printline_test_client AND TARGET printline AND TARGET printline-cups-backend)
  printline_add_gtest(NAME client_edges_test LABEL integration TIMEOUT 600
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/edges_integration_test.cc
    LIBRARIES printline_test_client printline_test_peers)
  target_compile_definitions(client_edges_test PRIVATE
    PRINTLINE_CLI="$<TARGET_FILE:printline>"
    PRINTLINE_CUPS_BACKEND="$<TARGET_FILE:printline-cups-backend>")
  add_dependencies(client_edges_test printline printline-cups-backend)
endif()

# D9's "rejected and why" through both CLIs, against a RAW sink, an lpd without the queue and
# a closed port.
if(TARGET printline_test_client AND TARGET printline)
  printline_add_gtest(NAME client_fallback_test_cli_test LABEL integration
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/fallback_test_cli_test.cc
            ${PROJECT_SOURCE_DIR}/tests/api_client/cli_runner.cc
    LIBRARIES printline_test_client printline_test_peers)
  target_compile_definitions(client_fallback_test_cli_test PRIVATE
    PRINTLINE_CLI="$<TARGET_FILE:printline>")
  add_dependencies(client_fallback_test_cli_test printline)
endif()
