# Operating a printline-server process (issue 15): retention of held jobs and documents, the
# log file reopened on SIGHUP, and /metrics parsed by the Prometheus client library's parser.
if(TARGET printline-server)
  printline_add_gtest(NAME operations_test LABEL integration TIMEOUT 300
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/operations_test.cc ${CMAKE_CURRENT_LIST_DIR}/ipp_test_client.cc
            ${CMAKE_CURRENT_LIST_DIR}/server_process.cc
    LIBRARIES printline_test_peers printline_test_api_client printline_ipp printline_core
              Cups::Cups SQLite::SQLite3 nlohmann_json::nlohmann_json)
  target_include_directories(operations_test PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(operations_test PRIVATE
    PRINTLINE_SERVER_BINARY="$<TARGET_FILE:printline-server>"
    PRINTLINE_METRICS_CHECK="${CMAKE_CURRENT_LIST_DIR}/metrics_check.py")
  add_dependencies(operations_test printline-server)
endif()
