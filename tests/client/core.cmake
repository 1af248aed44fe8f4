# The daemon's core: outbox, cache, planner, release condition (unit), and the daemon against
# the real server and real printer peers (integration).

# RunningClient: a ClientDaemon on a temporary state directory, and TestOffice: the server,
# users and printers it prints with — for every client test program and the tray's.
if(TARGET printline_test_server AND NOT TARGET printline_test_client)
  add_library(printline_test_client ${CMAKE_CURRENT_LIST_DIR}/running_client.cc
              ${CMAKE_CURRENT_LIST_DIR}/test_office.cc)
  target_include_directories(printline_test_client PUBLIC ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(printline_test_client PUBLIC printline_client printline_test_server
                        printline_test_peers)
endif()

printline_add_gtest(NAME client_core_unit_test LABEL unit
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/outbox_store_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/fallback_planner_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/candidate_filter_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/release_condition_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/client_config_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/upload_backoff_test.cc
  LIBRARIES printline_client printline_test_peers SQLite::SQLite3)

if(TARGET printline_test_client)
  printline_add_gtest(NAME client_fallback_test LABEL integration TIMEOUT 600
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/client_fallback_test.cc
            ${CMAKE_CURRENT_LIST_DIR}/client_profile_groups_test.cc
    LIBRARIES printline_test_client)
  # The kill -9 test runs the real program.
  if(TARGET printline-client)
    add_dependencies(client_fallback_test printline-client)
    target_compile_definitions(client_fallback_test PRIVATE
      PRINTLINE_CLIENT_BINARY="$<TARGET_FILE:printline-client>")
  endif()
endif()
