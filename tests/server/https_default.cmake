# HTTPS by default (issue 15): the real printline-server program makes and reuses its own key
# and self-signed certificate; `openssl s_client` and `printline login` check what it serves.
if(TARGET printline-server AND TARGET printline)
  printline_add_gtest(NAME https_default_test LABEL integration TIMEOUT 300
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/https_default_test.cc
            ${CMAKE_CURRENT_LIST_DIR}/server_process.cc
    LIBRARIES printline_test_peers)
  target_compile_definitions(https_default_test PRIVATE
    PRINTLINE_SERVER_BINARY="$<TARGET_FILE:printline-server>"
    PRINTLINE_CLI="$<TARGET_FILE:printline>")
  add_dependencies(https_default_test printline-server printline)
endif()
