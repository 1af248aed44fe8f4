# The HTTP front under hostile clients: a printline-server process (its memory read from
# /proc), raw sockets sending what no client library sends, and 2,000 keep-alive connections.
if(TARGET printline-server)
  printline_add_gtest(NAME http_front_test LABEL integration TIMEOUT 300
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_front_test.cc
            ${CMAKE_CURRENT_LIST_DIR}/server_process.cc
            ${PROJECT_SOURCE_DIR}/tests/http/raw_connection.cc
    LIBRARIES printline_test_peers printline_ipp PkgConfig::HTTPLIB nlohmann_json::nlohmann_json)
  target_include_directories(http_front_test PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(http_front_test PRIVATE
    PRINTLINE_SERVER_BINARY="$<TARGET_FILE:printline-server>")
  add_dependencies(http_front_test printline-server)
endif()
