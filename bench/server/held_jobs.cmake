# Held jobs at restart (issue 17, docs/release-station.md): printline-server started with
# 100,000 held jobs until they are listed and one is released, against cupsd restarting with
# held jobs (bench/server/private_cupsd.h).
if(TARGET printline-server AND TARGET printline_test_peers AND TARGET printline_test_api_client)
  add_executable(held_jobs_restart_bench ${CMAKE_CURRENT_LIST_DIR}/held_jobs_restart_bench.cc
                 ${PROJECT_SOURCE_DIR}/tests/server/server_process.cc)
  target_include_directories(held_jobs_restart_bench PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(held_jobs_restart_bench PRIVATE printline_store printline_core
                        printline_test_peers printline_test_api_client Cups::Cups
                        nlohmann_json::nlohmann_json Threads::Threads)
  target_compile_definitions(held_jobs_restart_bench
    PRIVATE PRINTLINE_SERVER_BINARY="$<TARGET_FILE:printline-server>")
  add_dependencies(held_jobs_restart_bench printline-server)
endif()
