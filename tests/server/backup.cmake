# Backup and restore (issue 15): the real printline-server program backed up while it takes
# jobs and restored into a new data directory, on SQLite and on a real PostgreSQL.
if(TARGET printline-server)
  printline_add_gtest(NAME backup_test LABEL integration TIMEOUT 600
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/backup_test.cc
            ${CMAKE_CURRENT_LIST_DIR}/server_process.cc
            ${CMAKE_CURRENT_LIST_DIR}/ipp_test_client.cc
    LIBRARIES printline_test_api_client printline_test_peers printline_ipp printline_core)
  target_compile_definitions(backup_test PRIVATE
    PRINTLINE_SERVER_BINARY="$<TARGET_FILE:printline-server>")
  add_dependencies(backup_test printline-server)
endif()
