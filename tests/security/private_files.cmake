# The server's data directory, database, spool and generated password are private (D13): a real
# printline-server process on a directory an older version left world-readable.
if(TARGET printline-server)
  printline_add_gtest(NAME security_private_files_test LABEL integration
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/private_files_test.cc
    LIBRARIES printline_test_peers)
  target_compile_definitions(security_private_files_test
    PRIVATE PRINTLINE_SERVER_BINARY="$<TARGET_FILE:printline-server>")
  add_dependencies(security_private_files_test printline-server)
endif()
