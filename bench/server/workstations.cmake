# Thousands of desktop clients on one server (issue 11, SPEC §5 "Workstations"): N simulated
# clients on Boost.Asio against the real printline-server binary, heartbeat latency, the
# server's memory and CPU per 1,000 clients, and the upload herd after an outage.
if(TARGET printline-server AND TARGET printline_test_peers)
  find_package(Boost 1.74 REQUIRED)
  add_executable(workstations_bench ${CMAKE_CURRENT_LIST_DIR}/workstations_bench.cc)
  target_link_libraries(workstations_bench PRIVATE printline_store printline_core
                        printline_test_peers Cups::Cups Boost::headers PkgConfig::HTTPLIB
                        nlohmann_json::nlohmann_json Threads::Threads)
  target_compile_definitions(workstations_bench
    PRIVATE PRINTLINE_SERVER_BINARY="$<TARGET_FILE:printline-server>")
  add_dependencies(workstations_bench printline-server)
endif()
