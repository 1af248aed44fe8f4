# Two printline-server processes (the real binary) sharing one real PostgreSQL database and
# one spool directory. Needs root and Debian's postgresql (skipped with the reason otherwise).
if(LIBPQXX_FOUND AND TARGET printline-server)
  printline_add_gtest(NAME shared_postgres_test LABEL integration TIMEOUT 300
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/shared_postgres_test.cc
            ${CMAKE_CURRENT_LIST_DIR}/ipp_test_client.cc
            ${CMAKE_CURRENT_LIST_DIR}/server_process.cc
    LIBRARIES printline_test_api_client printline_test_peers printline_ipp printline_model printline_core)
  target_compile_definitions(shared_postgres_test
    PRIVATE PRINTLINE_SERVER_BINARY="$<TARGET_FILE:printline-server>")
  add_dependencies(shared_postgres_test printline-server)
endif()
